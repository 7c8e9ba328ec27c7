package dev.rebound.bench.outbox;

import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import dev.rebound.bench.BenchBroker;
import dev.rebound.bench.Machine;
import dev.rebound.bench.Order;
import dev.rebound.bench.Result;
import dev.rebound.bench.Results;
import dev.rebound.deadletter.ReboundSchema;
import dev.rebound.jms.JmsTransportFactory;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.QueueChannel;
import dev.rebound.spi.Transport;
import dev.rebound.spi.TransportFactory;
import dev.rebound.testsupport.Jta;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.transaction.TransactionManager;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Issue 13's measured goals for the outbox relay (database channel {@code relay-to} a JMS queue), stand-alone:
 * Narayana, embedded PostgreSQL (the benchmark's pool, not XA: a last resource), the benchmark's embedded Artemis,
 * {@code rebound.jms.transactions=xa}. First the drain of a backlog of 1,000 / 10,000 / 100,000 rows written by one
 * SQL statement (1 KB JSON bodies), timed from the relay's start to an empty table, batch sends
 * ({@code QueueChannel.enqueueAll}, one XA branch per batch) against the per-message sends of before
 * ({@code rebound.database.relay-sends=each}) in alternating rounds; then the relay's latency after a business
 * commit on the same node; then the commit of one business transaction (a business row and one message) through the
 * outbox against the same with the message sent by XA.
 *
 * <p>The database transport is loaded from {@code database-transport/target/classes} in a class loader of its
 * own ({@code bench.database-transport} names another place): on the run's class path the Weld suites would find
 * two transports.
 */
public final class OutboxSuite {

    static final String OUTBOX = "bench.outbox-rows";
    static final String TARGET = "bench.outbox";
    private static final int ROUNDS = 3;
    private static final double DRAIN_GOAL_MS = 1000;
    private static final double FLAT_GOAL = 1.2;

    private OutboxSuite() {
    }

    public static void run(Results results, double scale) throws Exception {
        TransportFactory database = databaseTransport();
        try (Connection c = Jta.dataSource().getConnection()) {
            ReboundSchema.create(c);
        }
        execute("CREATE TABLE IF NOT EXISTS bench_outbox_business (id VARCHAR(36) PRIMARY KEY, at BIGINT)");
        Transport jms = new JmsTransportFactory().create(new OutboxContext("rebound.jms.",
                Map.of("rebound.jms.transactions", "xa"), Map.of()));
        QueueChannel target = jms.channel(TARGET);
        String loadBefore = Machine.loadAverage();

        long[] backlogs = {scaled(1000, scale, 1000), scaled(10_000, scale, 1000), scaled(100_000, scale, 10_000)};
        drain(database, target, backlogs[0], "batch", 100, 1);              // warm-up, not recorded
        drain(database, target, backlogs[0], "each", 100, 1);
        Map<Long, Double> perMessage = new HashMap<>();
        for (long backlog : backlogs) {
            boolean baseline = backlog <= 10_000;
            List<double[]> rounds = new ArrayList<>();
            long left = 0;
            for (int round = 0; round < ROUNDS; round++) {
                double[] batch = drain(database, target, backlog, "batch", 100, round);
                double each = baseline ? drain(database, target, backlog, "each", 100, round)[0] : Double.NaN;
                rounds.add(baseline ? new double[] {batch[0], each} : new double[] {batch[0]});   // no NaN in JSON
                left = Math.max(left, (long) batch[1]);
            }
            double b = median(rounds, 0);
            double e = baseline ? median(rounds, 1) : Double.NaN;
            perMessage.put(backlog, b * 1000 / backlog);
            String how = String.format(Locale.ROOT, "median of %d rounds (ms from the relay's start to an empty "
                    + "table; spread %s ms, baseline %s ms); relay-batch 100, one XA branch per batch (JMS xa) and "
                    + "one DELETE ... IN per batch, %.1f µs per message; rows left after the drain (max of the "
                    + "rounds): %d; every round checked: %,d messages on the queue", ROUNDS, spread(rounds, 0),
                    baseline ? spread(rounds, 1) : "not run (too slow)", b * 1000 / backlog, left, backlog);
            boolean goal = backlog == 10_000;
            results.add(new Result("outbox", String.format(Locale.ROOT, "relay drain of %,d rows to Artemis, batch "
                    + "vs per-message sends", backlog), "ms", b, e, baseline ? e / b : Double.NaN,
                    goal ? "<= 1000 ms for 10,000" : "", goal ? b <= DRAIN_GOAL_MS : null, rounds, how));
        }
        double min = perMessage.values().stream().mapToDouble(Double::doubleValue).min().orElse(1);
        double max = perMessage.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        results.add(new Result("outbox", "relay cost per message, highest / lowest of the backlogs", "x", max / min,
                Double.NaN, max / min, "<= 1.2x from 1,000 to 100,000", max / min <= FLAT_GOAL, List.of(),
                "µs per message by backlog: " + perMessage));

        // the same batches with 1,000 rows each (fewer forced writes per message), and in local mode
        Transport local = new JmsTransportFactory().create(new OutboxContext("rebound.jms.",
                Map.of("rebound.jms.transactions", "local"), Map.of()));
        QueueChannel localTarget = local.channel(TARGET);
        for (long backlog : new long[] {backlogs[1], backlogs[2]}) {
            List<double[]> rounds = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                double big = drain(database, target, backlog, "batch", 1000, round)[0];
                double loc = backlog == backlogs[1] ? drain(database, localTarget, backlog, "batch", 100, round)[0]
                        : Double.NaN;
                rounds.add(backlog == backlogs[1] ? new double[] {big, loc} : new double[] {big});
            }
            double b = median(rounds, 0);
            boolean withLocal = backlog == backlogs[1];
            double l = withLocal ? median(rounds, 1) : Double.NaN;
            results.add(new Result("outbox", String.format(Locale.ROOT, "relay drain of %,d rows, xa relay-batch 1000 "
                    + "(baseline: local, relay-batch 100)", backlog), "ms", b, l, withLocal ? l / b : Double.NaN,
                    backlog == 10_000 ? "<= 1000 ms for 10,000" : "", backlog == 10_000 ? b <= DRAIN_GOAL_MS : null,
                    rounds, String.format(Locale.ROOT, "median of %d rounds, spread %s ms (local: %s ms); %.1f µs "
                    + "per message (local %.1f)", ROUNDS, spread(rounds, 0), withLocal ? spread(rounds, 1) : "not run",
                    b * 1000 / backlog, l * 1000 / backlog)));
        }
        local.stop();
        if (!Boolean.getBoolean("bench.outbox.drain-only")) {
            latency(results, database, target, scale);
            commits(results, database, target, scale);
        }
        jms.stop();
        results.add(Result.info("outbox", "load average before / after the suite", "", Double.NaN,
                loadBefore + " / " + Machine.loadAverage() + " (the machine is shared with other builds)"));
    }

    private static long scaled(long count, double scale, long min) {
        return Math.max(min, Math.round(count * scale));
    }

    /** One drain: {@code backlog} rows written by SQL, the relay started, timed until the table is empty. */
    private static double[] drain(TransportFactory factory, QueueChannel target, long backlog, String sends,
                                  int batch, int round) throws Exception {
        execute("DELETE FROM rebound_message");
        BenchBroker.purge(TARGET);
        fill(backlog);
        execute("VACUUM ANALYZE rebound_message");
        Transport node = factory.create(new OutboxContext("rebound.database.", relayConfig(sends, batch),
                Map.of(TARGET, target)));
        node.channel(OUTBOX);
        long start = System.nanoTime();
        node.start(OutboxContext.RELAY_ONLY);
        long deadline = start + TimeUnit.MINUTES.toNanos(15);
        while (count("SELECT count(*) FROM rebound_message WHERE channel = '" + OUTBOX + "'") > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the relay did not drain " + backlog + " rows in 15 minutes");
            }
            LockSupport.parkNanos(20_000_000);            // a COUNT every 20 ms: the poll costs the relay little
        }
        double ms = (System.nanoTime() - start) / 1e6;
        node.stop();
        long left = count("SELECT count(*) FROM rebound_message");
        long queued = BenchBroker.depth(TARGET);
        if (queued != backlog) {
            throw new IllegalStateException("expected " + backlog + " messages on " + TARGET + ", found " + queued);
        }
        BenchBroker.purge(TARGET);
        System.out.printf(Locale.ROOT, "[outbox] drain %,d rows, relay-sends=%s, round %d: %.0f ms (%.1f µs/msg), "
                + "%d rows left%n", backlog, sends, round, ms, ms * 1000 / backlog, left);
        return new double[] {ms, left};
    }

    private static Map<String, String> relayConfig(String sends, int batch) {
        return Map.of("rebound.channel." + OUTBOX + ".relay-to", TARGET, "rebound.database.relay-batch",
                String.valueOf(batch), "rebound.database.relay-sends", sends,
                "rebound.database.poll-interval-ms", "1000", "rebound.database.shutdown-timeout-ms", "10000");
    }

    /** The backlog as the outbox channel writes it (1 KB JSON orders), by one statement. */
    private static void fill(long rows) throws SQLException {
        String typeName = OutboxContext.CODEC.typeName(Order.number(0));
        String sql = "INSERT INTO rebound_message (id, channel, message_id, payload_type, body, headers, handler, "
                + "kind, attempt, origin, resends, ordering_key, due_at, created_at, epoch) "
                + "SELECT u, ?, u, ?, '{\"customer\":\"customer-' || (g % 1000) || '\",\"lines\":\"" + "x".repeat(940)
                + "\",\"orderId\":\"order-' || g || '\",\"seq\":' || g || '}', '{\"correlationId\":\"' || u "
                + "|| '\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"metadata\":{}}', NULL, 'COMMAND', 1, 'bench', 0, "
                + "NULL, 0, 0, 0 FROM (SELECT g, gen_random_uuid()::text AS u FROM generate_series(1, ?) g) s";
        try (Connection c = Jta.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, OUTBOX);
            s.setString(2, typeName);
            s.setLong(3, rows);
            s.executeUpdate();
        }
    }

    /** From the return of a business commit (one row) to the message's arrival on the queue, same node. */
    private static void latency(Results results, TransportFactory factory, QueueChannel target, double scale)
            throws Exception {
        execute("DELETE FROM rebound_message");
        BenchBroker.purge(TARGET);
        int samples = (int) scaled(1000, scale, 200);
        Map<String, Long> committed = new ConcurrentHashMap<>();
        Map<String, Long> arrived = new ConcurrentHashMap<>();
        Transport node = factory.create(new OutboxContext("rebound.database.", relayConfig("batch", 100),
                Map.of(TARGET, target)));
        QueueChannel outbox = node.channel(OUTBOX);
        node.start(OutboxContext.RELAY_ONLY);
        TransactionManager tm = Jta.transactionManager();
        try (JMSContext context = BenchBroker.connectionFactory().createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            var consumer = context.createConsumer(context.createQueue(TARGET));
            consumer.setMessageListener(m -> {
                try {
                    arrived.put(m.getStringProperty("rebound_messageId"), System.nanoTime());
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
            for (int i = 0; i < samples; i++) {
                Envelope envelope = envelope(i);
                tm.begin();
                outbox.enqueue(envelope, 0);
                tm.commit();
                committed.put(envelope.message().headers().messageId().toString(), System.nanoTime());
                LockSupport.parkNanos(5_000_000);           // one business transaction every ~5 ms
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (arrived.size() < samples && System.nanoTime() < deadline) {
                LockSupport.parkNanos(10_000_000);
            }
        }
        node.stop();
        if (arrived.size() < samples) {
            throw new IllegalStateException("only " + arrived.size() + " of " + samples + " relayed messages arrived");
        }
        double[] ms = committed.entrySet().stream().mapToDouble(e -> (arrived.get(e.getKey()) - e.getValue()) / 1e6)
                .sorted().toArray();
        results.add(Result.info("outbox", "relay latency after commit, same node, p50", "ms", percentile(ms, 50),
                String.format(Locale.ROOT, "%d business transactions of one outbox row, one every ~5 ms; from the "
                        + "commit's return to the JMS listener's receipt; p99 %.2f ms, max %.2f ms", samples,
                        percentile(ms, 99), ms[ms.length - 1])));
        results.add(Result.info("outbox", "relay latency after commit, same node, p99", "ms", percentile(ms, 99), ""));
    }

    /**
     * One business transaction: a business row and one message, its commit timed; through the outbox (one row of
     * the database channel: one local commit) against the message sent by XA (one XA branch of Artemis, the
     * PostgreSQL pool as the last resource: two-phase), alternating rounds.
     */
    private static void commits(Results results, TransportFactory factory, QueueChannel target, double scale)
            throws Exception {
        execute("DELETE FROM rebound_message");
        execute("DELETE FROM bench_outbox_business");
        BenchBroker.purge(TARGET);
        Transport node = factory.create(new OutboxContext("rebound.database.", relayConfig("batch", 100),
                Map.of(TARGET, target)));
        QueueChannel outbox = node.channel(OUTBOX);        // not started: the rows stay, the commit alone is timed
        int perRound = (int) scaled(500, scale, 100);
        List<Double> outboxMs = new ArrayList<>();
        List<Double> xaMs = new ArrayList<>();
        List<double[]> rounds = new ArrayList<>();
        for (int round = 0; round <= ROUNDS; round++) {
            double[] o = commitRound(outbox, false, perRound, round * 2L * perRound);
            double[] x = commitRound(target, true, perRound, (round * 2L + 1) * perRound);
            if (round > 0) {                                 // round 0 warms up
                Arrays.stream(o).forEach(outboxMs::add);
                Arrays.stream(x).forEach(xaMs::add);
                rounds.add(new double[] {percentile(o, 50), percentile(x, 50)});
            }
        }
        double[] os = outboxMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] xs = xaMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double o50 = percentile(os, 50);
        double x50 = percentile(xs, 50);
        results.add(new Result("outbox", "commit of a business transaction (a row + one message): outbox vs XA, p50",
                "ms", o50, x50, x50 / o50, "", null, rounds, String.format(Locale.ROOT, "%d transactions each "
                + "in %d alternating rounds (after one warm-up); tm.commit() timed; outbox p99 %.3f ms, XA p99 "
                + "%.3f ms; XA: QueueChannel.enqueueAll of one message in rebound.jms.transactions=xa (an XA branch "
                + "of Artemis, PostgreSQL the last resource)", perRound, ROUNDS, percentile(os, 99),
                percentile(xs, 99))));
        execute("DELETE FROM rebound_message");
        BenchBroker.purge(TARGET);
    }

    private static double[] commitRound(QueueChannel channel, boolean xa, int count, long from) throws Exception {
        TransactionManager tm = Jta.transactionManager();
        double[] ms = new double[count];
        for (int i = 0; i < count; i++) {
            Envelope envelope = envelope(from + i);
            tm.begin();
            try (Connection c = Jta.dataSource().getConnection();
                 PreparedStatement s = c.prepareStatement("INSERT INTO bench_outbox_business VALUES (?, ?)")) {
                s.setString(1, envelope.message().headers().messageId().toString());
                s.setLong(2, System.currentTimeMillis());
                s.executeUpdate();
            }
            if (xa) {
                channel.enqueueAll(List.of(envelope));
            } else {
                channel.enqueue(envelope, 0);
            }
            long t0 = System.nanoTime();
            tm.commit();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    private static Envelope envelope(long seq) {
        return new Envelope(new Message(Order.number(seq), MessageHeaders.first(Instant.now(), null, Map.of())), null,
                "COMMAND", 1, "bench");
    }

    /** The database transport's factory, from its own class loader (see the class comment). */
    private static TransportFactory databaseTransport() throws Exception {
        Path classes = Path.of(System.getProperty("bench.database-transport", "../database-transport/target/classes"));
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException("no database transport at " + classes.toAbsolutePath()
                    + " (build the reactor with -pl benchmarks -am, or set bench.database-transport)");
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                OutboxSuite.class.getClassLoader());
        return (TransportFactory) Class.forName("dev.rebound.database.DatabaseTransportFactory", true, loader)
                .getDeclaredConstructor().newInstance();
    }

    private static double median(List<double[]> rounds, int column) {
        double[] values = rounds.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return values[values.length / 2];
    }

    private static String spread(List<double[]> rounds, int column) {
        double[] values = rounds.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return String.format(Locale.ROOT, "%.0f-%.0f", values[0], values[values.length - 1]);
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = Jta.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = Jta.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
