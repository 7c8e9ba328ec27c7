package dev.rebound.bench.limits;

import dev.rebound.bench.BenchBroker;
import dev.rebound.bench.Result;
import dev.rebound.bench.Results;
import dev.rebound.testsupport.Jta;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;

/**
 * The physical limits of this machine that every other figure is read against: one fsync of the disk the broker's
 * journal and the database live on, one round trip to the benchmark's PostgreSQL, one committed PostgreSQL
 * transaction (with the run's fsync / synchronous_commit), one persistent JMS send the broker acknowledges after its
 * journal write, one transacted JMS commit. Each is the median of its repetitions, in microseconds; the rate it
 * allows one thread is 1,000,000 / that figure.
 */
public final class LimitsSuite {

    private LimitsSuite() {
    }

    public static void run(Results results, double scale) throws Exception {
        int times = (int) Math.max(200, Math.round(2000 * scale));
        fsync(results, times);
        database(results, times);
        broker(results, times);
    }

    private static void fsync(Results results, int times) throws Exception {
        Path file = Path.of("target", "limits-fsync.bin");
        Files.createDirectories(file.getParent());
        ByteBuffer page = ByteBuffer.allocate(4096);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            double[] us = new double[times];
            for (int i = -times / 10; i < times; i++) {
                page.clear();
                long start = System.nanoTime();
                channel.write(page, (long) Math.max(i, 0) * 4096);
                channel.force(false);
                if (i >= 0) {
                    us[i] = (System.nanoTime() - start) / 1e3;
                }
            }
            add(results, "one 4 KB write + fsync (FileChannel.force) in the benchmark's directory", us,
                    "the disk's durable-write latency: Artemis' journal and PostgreSQL's WAL pay it per commit");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void database(Results results, int times) throws Exception {
        try (Connection c = Jta.dataSource().getConnection()) {
            String settings;
            try (Statement s = c.createStatement(); ResultSet f = s.executeQuery(
                    "SELECT current_setting('fsync'), current_setting('synchronous_commit')")) {
                f.next();
                settings = "fsync " + f.getString(1) + ", synchronous_commit " + f.getString(2);
                s.execute("CREATE TABLE IF NOT EXISTS bench_limits (id BIGINT PRIMARY KEY, at BIGINT)");
                s.execute("TRUNCATE bench_limits");
            }
            try (PreparedStatement select = c.prepareStatement("SELECT 1")) {
                double[] us = repeat(times, i -> {
                    try (ResultSet r = select.executeQuery()) {
                        r.next();
                    }
                });
                add(results, "one PostgreSQL round trip (SELECT 1, pooled connection)", us,
                        "the network and protocol cost of one statement");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO bench_limits VALUES (?, ?)")) {
                double[] us = repeat(times, i -> {
                    insert.setLong(1, i + 1_000_000L);
                    insert.setLong(2, System.nanoTime());
                    insert.executeUpdate();
                });
                add(results, "one committed PostgreSQL transaction (one-row INSERT, auto-commit)", us,
                        "the floor of any transaction that writes a row: " + settings);
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE bench_limits");
            }
        }
    }

    private static void broker(Results results, int times) throws Exception {
        try (JMSContext plain = BenchBroker.connectionFactory().createContext(JMSContext.AUTO_ACKNOWLEDGE);
             JMSContext transacted = BenchBroker.connectionFactory().createContext(JMSContext.SESSION_TRANSACTED)) {
            Queue queue = plain.createQueue("bench.limits");
            JMSProducer producer = plain.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            String body = "x".repeat(1000);
            double[] send = repeat(times, i -> producer.send(queue, body));
            add(results, "one persistent JMS send, acknowledged after the journal write (in-VM Artemis)", send,
                    "a blocking durable send: the broker's floor for a message that is on disk when send returns");
            JMSProducer inTx = transacted.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            double[] commit = repeat(times, i -> {
                inTx.send(queue, body);
                transacted.commit();
            });
            add(results, "one transacted JMS session: a persistent send and its commit (in-VM Artemis)", commit,
                    "the floor of a consumer's or relay's unit on the broker");
            BenchBroker.purge("bench.limits");
        }
    }

    @FunctionalInterface
    private interface Step {
        void run(int i) throws Exception;
    }

    /** Microseconds of each of {@code times} steps, after a tenth as many unmeasured. */
    private static double[] repeat(int times, Step step) throws Exception {
        for (int i = 0; i < times / 10; i++) {
            step.run(times + i);
        }
        double[] us = new double[times];
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            step.run(i);
            us[i] = (System.nanoTime() - start) / 1e3;
        }
        return us;
    }

    private static void add(Results results, String name, double[] us, String what) {
        double[] sorted = us.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        double p99 = sorted[(int) Math.min(sorted.length - 1, Math.round(sorted.length * 0.99))];
        results.add(Result.info("limits", name, "µs", median, String.format(Locale.ROOT,
                "median of %,d, p99 %.0f µs; at most %,.0f per second on one thread; %s", us.length, p99,
                1e6 / median, what)));
    }
}
