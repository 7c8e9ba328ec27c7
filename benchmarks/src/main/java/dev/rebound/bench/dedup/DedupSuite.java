package dev.rebound.bench.dedup;

import dev.rebound.Consumers;
import dev.rebound.bench.Result;
import dev.rebound.bench.Results;
import dev.rebound.bench.Work;
import dev.rebound.bench.async.BenchJms;
import dev.rebound.bench.async.Feeder;
import dev.rebound.bench.async.Rounds;
import dev.rebound.bench.async.Side;
import dev.rebound.spi.ChannelStatus;
import dev.rebound.testing.Deployments;
import dev.rebound.testsupport.Jta;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Issue 14's measured goals for {@code @Deduplicated} on the asynchronous path (embedded Artemis, Narayana,
 * Hibernate on embedded PostgreSQL). First, a handler that writes one business row through the JTA EntityManager
 * with {@code @Deduplicated} against the same handler without it, both Rebound {@code @Asynchronous} handlers in
 * one application, 1 consumer, {@code rebound.jms.transactions=local} and {@code xa}, alternating rounds (goal
 * &ge; 0.90&times;). Second, the deduplicated handler's p99 per-message time while the cleanup deletes N expired
 * keys (N = 10,000,000 &times; scale, inserted by one SQL statement) against the same with no expired keys
 * (goal: p99 changes by &le; 10 %).
 */
public final class DedupSuite {

    private static final double GOAL = 0.90;
    private static final double P99_GOAL = 0.10;
    private static final int ROUNDS = 5;
    private static final long EXPIRED_AT = 1_700_000_000_000L;

    private DedupSuite() {
    }

    public static void run(Results results, double scale) throws Exception {
        long count = Math.max(2000, Math.round(10_000 * scale));
        for (String mode : System.getProperty("bench.dedup.modes", "local,xa").split(",")) {
            overhead(results, count, mode.trim());
        }
        if (!Boolean.getBoolean("bench.dedup.overhead-only")) {
            cleanup(results, scale);
        }
    }

    /**
     * The second part alone (suite {@code dedup-cleanup}); system properties {@code bench.dedup.expired-keys} (N,
     * default 10,000,000 &times; scale), {@code bench.dedup.cycles} (fills and cleanups one after the other, 1) and
     * {@code bench.dedup.cleanup-duty-percent} (the cleanup's setting; Rebound's default when absent).
     */
    public static void cleanup(Results results, double scale) throws Exception {
        long expired = Long.getLong("bench.dedup.expired-keys", Math.max(100_000, Math.round(10_000_000 * scale)));
        cleanup(results, Math.max(2000, Math.round(10_000 * scale)), expired,
                Math.max(1, Integer.getInteger("bench.dedup.cycles", 1)));
    }

    private static WeldContainer app(String mode, String cleanupInterval, Class<?>... more) {
        return app(mode, cleanupInterval, 1, more);
    }

    /** The application of the suite, its consumers paused, its tables empty; {@code consumers} a channel. */
    static WeldContainer app(String mode, String cleanupInterval, int consumers, Class<?>... more) {
        Map<String, String> config = new HashMap<>(Map.of(
                "rebound.channel." + DedupOrders.CHANNEL + ".concurrent-consumers", String.valueOf(consumers),
                "rebound.channel." + PlainOrders.CHANNEL + ".concurrent-consumers", String.valueOf(consumers),
                "rebound.jms.receive-timeout-ms", "100", "rebound.jms.shutdown-timeout-ms", "10000",
                "rebound.jms.transactions", mode, "rebound.deduplication.cleanup-interval", cleanupInterval));
        String duty = System.getProperty("bench.dedup.cleanup-duty-percent");
        if (duty != null) {
            config.put("rebound.deduplication.cleanup-duty-percent", duty);
        }
        WeldContainer container = Deployments.weld(config, DedupOrders.class, PlainOrders.class, BenchJms.class)
                .addBeanClasses(more).initialize();
        container.select(Consumers.class).get().pauseAll();
        execute(Shop.CREATE);
        execute("TRUNCATE " + Shop.TABLE + ", rebound_dedup");
        return container;
    }

    private static void overhead(Results results, long count, String mode) throws Exception {
        try (WeldContainer container = app(mode, "PT1M")) {
            Consumers consumers = container.select(Consumers.class).get();
            DedupOrders dedup = container.select(DedupOrders.class).get();
            PlainOrders plain = container.select(PlainOrders.class).get();
            long rowsBefore = longValue("SELECT count(*) FROM " + Shop.TABLE);
            Side deduplicated = side("@Deduplicated handler", DedupOrders.CHANNEL, DedupOrders.HANDLER, consumers,
                    (work, gaps) -> dedup.use(work, gaps));
            Side without = side("same handler without it", PlainOrders.CHANNEL, PlainOrders.HANDLER, consumers,
                    (work, gaps) -> plain.use(work, gaps));
            List<double[]> rounds = Rounds.alternate(deduplicated, without, count, ROUNDS, Work::happy);
            long rows = longValue("SELECT count(*) FROM " + Shop.TABLE) - rowsBefore;
            long keys = longValue("SELECT count(*) FROM rebound_dedup");
            long dedupRounds = ROUNDS + 1;
            long expectedKeys = (ROUNDS * count) + Math.max(1000, count / 2);
            if (keys != expectedKeys || rows != 2 * expectedKeys) {
                throw new IllegalStateException("expected " + expectedKeys + " keys and " + 2 * expectedKeys
                        + " business rows, found " + keys + " and " + rows + " (" + dedupRounds + " rounds)");
            }
            double r = Rounds.median(rounds, 0);
            double b = Rounds.median(rounds, 1);
            String how = String.format(Locale.ROOT, "median of %d alternating rounds (after one warm-up each) of "
                    + "%,d persistent %d-byte JSON messages from a full queue, both sides Rebound @Asynchronous "
                    + "(@DelayedRetry, dead letter channel) in one application; per message one INSERT of a business "
                    + "row through the JTA EntityManager (native statement); the deduplicated side also claims the "
                    + "message id in rebound_dedup (INSERT ... ON CONFLICT DO NOTHING) in the same transaction; "
                    + "checked: %,d keys and %,d business rows", ROUNDS, count, Feeder.bodyBytes(), keys, rows);
            results.add(new Result("dedup", "@Deduplicated vs the same handler, rebound.jms.transactions=" + mode
                    + ", 1 consumer", "msg/s", r, b, r / b, ">= 0.90x the handler without it", r / b >= GOAL, rounds,
                    how));
        }
    }

    /** Starts / stops one channel's consumers of the application; the handler gets each round's work. */
    private static Side side(String name, String channel, String handler, Consumers consumers, Use use) {
        return new Side(name, channel, handler, new Side.Consumers() {
            @Override
            public void start(Work work) {
                use.use(work, Gaps.none());
                consumers.resume(channel);
            }

            @Override
            public void stop() {
                consumers.pause(channel);
                ChannelStatus status = consumers.status(channel);
                if (status.state() == ChannelStatus.State.STOPPED) {
                    throw new IllegalStateException("Rebound's consumers stopped: " + status);
                }
            }
        }, () -> 0, () -> { });
    }

    @FunctionalInterface
    private interface Use {
        void use(Work work, Gaps gaps);
    }

    private static void cleanup(Results results, long count, long expired, int cycles) throws Exception {
        // xa: the claim, the business row and the JMS receive commit together; the clock is the suite's, which
        // keeps the inserted keys young until they are vacuumed and checkpointed
        CleanupClock clock = CleanupClock.INSTANCE;
        clock.shift(System.currentTimeMillis() - (EXPIRED_AT - Duration.ofDays(1).toMillis()));
        try (WeldContainer container = app("xa", "PT1S", CleanupClock.Producer.class)) {
            Consumers consumers = container.select(Consumers.class).get();
            DedupOrders dedup = container.select(DedupOrders.class).get();
            Gaps[] current = new Gaps[1];
            Side side = new Side("@Deduplicated handler", DedupOrders.CHANNEL, DedupOrders.HANDLER,
                    new Side.Consumers() {
                        @Override
                        public void start(Work work) {
                            current[0] = new Gaps((int) count);
                            dedup.use(work, current[0]);
                            consumers.resume(DedupOrders.CHANNEL);
                        }

                        @Override
                        public void stop() {
                            consumers.pause(DedupOrders.CHANNEL);
                        }
                    }, () -> 0, () -> { });
            side.round(Math.max(1000, count / 2), Work.happy());
            List<double[]> quiet = new ArrayList<>();
            List<double[]> measured = new ArrayList<>();
            List<String> cycleNotes = new ArrayList<>();
            for (int cycle = 1; cycle <= cycles; cycle++) {
                clock.shift(System.currentTimeMillis() - (EXPIRED_AT - Duration.ofDays(1).toMillis()));
                Cycle one = cycle(side, count, expired, current, clock);
                quiet.addAll(one.quiet());
                measured.addAll(one.busy());
                cycleNotes.add(String.format(Locale.ROOT, "cycle %d: p99 quiet %.1f ms, during %.1f ms (%+.0f %%), "
                        + "fill %.0f s, vacuum %.0f s, cleanup %.0f s (%,.0f keys/s), %d rounds during, load %s",
                        cycle, Rounds.median(one.quiet(), 0), Rounds.median(one.busy(), 0),
                        100 * (Rounds.median(one.busy(), 0) / Rounds.median(one.quiet(), 0) - 1), one.fillSeconds(),
                        one.vacuumSeconds(), one.cleanSeconds(), expired / one.cleanSeconds(), one.busy().size(),
                        one.load()));
                System.out.println("  " + cycleNotes.get(cycleNotes.size() - 1));
            }
            double p99During = Rounds.median(measured, 0);
            double p99Quiet = Rounds.median(quiet, 0);
            double change = p99During / p99Quiet - 1;
            String how = String.format(Locale.ROOT, "N = %,d expired keys inserted by one INSERT ... SELECT from "
                    + "generate_series, then VACUUM (FREEZE, ANALYZE) and CHECKPOINT while the application's clock keeps "
                    + "them young (week-old keys are vacuumed); then the clock moves on and they expire; "
                    + "cleanup-interval PT1S, batch 1,000 (default), duty " + System.getProperty(
                    "bench.dedup.cleanup-duty-percent", "10 (default)") + " %%; rebound.jms.transactions=xa, 1 consumer, rounds "
                    + "of %,d messages; p99 of the gaps between consecutive handler completions (one message's whole "
                    + "cycle) per round, median over the %d rounds that ended with keys still to delete vs over the "
                    + "%d quiet rounds (3 with the N keys in the table before they expire, 3 after the cleanup, per "
                    + "cycle); %d cycle(s); rounds: [p99 ms, p50 ms, expired keys at start, at end (-1: quiet), load "
                    + "average (1 min) at the end]; %s", expired, count, measured.size(), quiet.size(), cycles,
                    String.join("; ", cycleNotes));
            List<double[]> all = new ArrayList<>(quiet);
            all.addAll(measured);
            results.add(new Result("dedup", String.format(Locale.ROOT, "p99 per-message time of the @Deduplicated "
                    + "handler while the cleanup deletes %,d expired keys", expired), "ms", p99During, p99Quiet,
                    p99During / p99Quiet, "p99 changes by <= 10 %", Math.abs(change) <= P99_GOAL, all, how));
            results.add(Result.info("dedup", "p50 per-message time during the cleanup (quiet: "
                    + String.format(Locale.ROOT, "%.3f ms)", Rounds.median(quiet, 1)), "ms",
                    Rounds.median(measured, 1), "same rounds as the p99 row"));
            cycleNotes.forEach(results::note);
        } finally {
            clock.shift(0);
            // the cleanup left millions of dead tuples to autovacuum, which would run under the next suites
            execute("TRUNCATE " + Shop.TABLE + ", rebound_dedup");
            execute("CHECKPOINT");
        }
    }

    /** One fill and its cleanup: the quiet rounds, the rounds during the cleanup, the times. */
    private record Cycle(List<double[]> quiet, List<double[]> busy, double fillSeconds, double vacuumSeconds,
                         double cleanSeconds, String load) {
    }

    private static Cycle cycle(Side side, long count, long expired, Gaps[] current, CleanupClock clock)
            throws Exception {
        if (expiredKeys(expired) > 0) {
            throw new IllegalStateException("keys of an earlier fill are left");
        }
        String loadBefore = load();
        long start = System.nanoTime();
        execute("INSERT INTO rebound_dedup (dedup_key, claimed_at) SELECT rpad(md5(i::text) || md5('e' || i), 43), "
                + EXPIRED_AT + " + i FROM generate_series(1, " + expired + ") AS i");
        double fillSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        execute("VACUUM (FREEZE, ANALYZE) rebound_dedup");
        execute("CHECKPOINT");
        double vacuumSeconds = (System.nanoTime() - start) / 1e9;
        List<double[]> quiet = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            quiet.add(quietRound(side, count, current));
        }
        clock.shift(0); // the N keys are older than the retention now: the next cleanup run takes them
        List<double[]> during = new ArrayList<>();
        long cleanStart = System.nanoTime();
        long left = expiredKeys(expired);
        while (left > 0 && during.size() < 40) {
            double[] round = p99Round(side, count, current);
            long leftAtEnd = expiredKeys(expired);
            during.add(new double[] {round[0], round[1], left, leftAtEnd, loadAverage()});
            left = leftAtEnd;
        }
        while (left > 0 && System.nanoTime() - cleanStart < 3_600_000_000_000L) {
            Thread.sleep(1000); // not measured: the cleanup finishes before the rounds after it
            left = expiredKeys(expired);
        }
        double cleanSeconds = (System.nanoTime() - cleanStart) / 1e9;
        for (int i = 0; i < 3; i++) {
            quiet.add(quietRound(side, count, current));
        }
        List<double[]> busy = during.stream().filter(r -> r[3] > 0).toList();
        return new Cycle(quiet, busy.isEmpty() ? during : busy, fillSeconds, vacuumSeconds, cleanSeconds,
                loadBefore + " before the fill, " + load() + " after the rounds");
    }

    private static double[] quietRound(Side side, long count, Gaps[] current) throws Exception {
        double[] round = p99Round(side, count, current);
        return new double[] {round[0], round[1], -1, -1, loadAverage()};
    }

    /** The load averages (1, 5, 15 min) of the machine. */
    private static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + "/" + parts[1] + "/" + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double loadAverage() {
        String load = load();
        return load.equals("unknown") ? Double.NaN : Double.parseDouble(load.substring(0, load.indexOf('/')));
    }

    /** [p99 ms, p50 ms] of one round's per-message gaps. */
    private static double[] p99Round(Side side, long count, Gaps[] current) throws Exception {
        side.round(count, Work.happy());
        double[] q = {current[0].quantileMillis(0.99), current[0].quantileMillis(0.50)};
        System.out.printf(Locale.ROOT, "    p99 %.3f ms, p50 %.3f ms, load %s, at %s%n", q[0], q[1], load(),
                java.time.LocalTime.now());
        return q;
    }

    /** The filled keys left (claimed_at EXPIRED_AT + 1 .. + N; the handler's own are claimed before EXPIRED_AT). */
    private static long expiredKeys(long expired) {
        return longValue("SELECT count(*) FROM rebound_dedup WHERE claimed_at > " + EXPIRED_AT + " AND claimed_at <= "
                + (EXPIRED_AT + expired));
    }

    static void execute(String sql) {
        try (Connection c = Jta.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static long longValue(String sql) {
        try (Connection c = Jta.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
