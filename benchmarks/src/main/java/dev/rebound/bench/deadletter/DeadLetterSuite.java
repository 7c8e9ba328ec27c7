package dev.rebound.bench.deadletter;

import dev.rebound.DeadLetterCursor;
import dev.rebound.DeadLetterFilter;
import dev.rebound.DeadLetters;
import dev.rebound.bench.Order;
import dev.rebound.bench.Result;
import dev.rebound.bench.Results;
import dev.rebound.bench.Work;
import dev.rebound.bench.async.Rounds;
import dev.rebound.deadletter.JpaDeadLetterStore;
import dev.rebound.spi.DeadLetterRecord;
import dev.rebound.testing.Deployments;
import dev.rebound.testsupport.Jpa;
import dev.rebound.testsupport.Jta;
import jakarta.transaction.TransactionManager;
import java.util.ArrayList;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Issue item 4: the dead letter store on PostgreSQL (Hibernate, Narayana, Agroal). Dead-lettering rate through
 * Rebound (a failing command through an {@code @ErrorChannel("deadLetter")} gateway, and
 * {@link JpaDeadLetterStore#save} alone in a JTA transaction, as the dead letter channel calls it) against raw
 * JDBC inserts of the same rows, one transaction per row on both sides; replay of 10,000 dead letters; list,
 * count and a failure-group query on 1,000,000 rows.
 */
public final class DeadLetterSuite {

    private DeadLetterSuite() {
    }

    /** Measured rounds of the dead-lettering rates, each side in every round. */
    private static final int ROUNDS = 5;
    private static final double QUERY_GOAL_MS = 20;
    /** The logger of the line each dead letter gets (REBOUND-1032); held, as JUL keeps its loggers weakly. */
    private static final Logger FAILURE_LOG = Logger.getLogger("dev.rebound.pipeline.FailureExecutor");

    public static void run(Results results, double scale) throws Exception {
        // 25,000 rows: the fastest side (auto-commit JDBC) still takes seconds a round
        int count = (int) Math.max(2000, Math.round(25_000 * scale));
        try (WeldContainer app = Deployments.weld(Map.of(), RejectingDesk.class, DeadLetteringBus.class).initialize()) {
            DeadLetteringBus bus = app.select(DeadLetteringBus.class).get();
            RejectingDesk desk = app.select(RejectingDesk.class).get();
            DeadLetters deadLetters = app.select(DeadLetters.class).get();
            Rows.execute("TRUNCATE rebound_dead_letter");
            String stackTrace = rates(results, count, bus);
            if (Boolean.getBoolean("bench.deadletter.rates-only")) {
                return;
            }
            replay(results, (int) Math.max(1000, Math.round(10_000 * scale)), desk, deadLetters, stackTrace);
            bigTable(results, Math.max(100_000, Math.round(1_000_000 * scale)), deadLetters, stackTrace);
        }
    }

    /** Returns the stack trace Rebound stored for the failing command, to make the other rows alike. */
    private static String rates(Results results, int count, DeadLetteringBus bus) throws Exception {
        bus.send(Order.number(-1));
        String stackTrace = Rows.stackTraceOfAStoredRow();
        JpaDeadLetterStore store = new JpaDeadLetterStore(Jpa::transactionScoped);
        TransactionManager tm = Jta.transactionManager();
        // every side starts on an empty table, so that none pays for a larger index than another
        Callable<Double> viaGateway = () -> {
            Rows.execute("TRUNCATE rebound_dead_letter");
            return rate(count, () -> {
                for (int i = 0; i < count; i++) {
                    if (bus.send(Order.number(i)) != null) {
                        throw new IllegalStateException("the command was expected to fail");
                    }
                }
            });
        };
        // the same, with the logger of the REBOUND-1032 WARNING (one line per dead letter) above WARNING: what the
        // application's logging (here JUL's ConsoleHandler) costs of the gateway's rate
        Callable<Double> viaGatewayUnlogged = () -> {
            Level level = FAILURE_LOG.getLevel();
            FAILURE_LOG.setLevel(Level.SEVERE);
            try {
                return viaGateway.call();
            } finally {
                FAILURE_LOG.setLevel(level);
            }
        };
        Callable<Double> viaStore = () -> {
            List<DeadLetterRecord> records = fresh(count, stackTrace);
            return rate(count, () -> {
                for (DeadLetterRecord record : records) {
                    tm.begin();
                    store.save(record);
                    tm.commit();
                }
            });
        };
        Callable<Double> viaJdbc = () -> {
            List<DeadLetterRecord> records = fresh(count, stackTrace);
            return rate(count, () -> {
                for (DeadLetterRecord record : records) {
                    Rows.insert(record);
                }
            });
        };
        Callable<Double> viaJdbcInJta = () -> {
            List<DeadLetterRecord> records = fresh(count, stackTrace);
            return rate(count, () -> {
                for (DeadLetterRecord record : records) {
                    tm.begin();
                    Rows.insertEnlisted(record);
                    tm.commit();
                }
            });
        };
        List<Callable<Double>> sides = List.of(viaGateway, viaStore, viaJdbc, viaJdbcInJta, viaGatewayUnlogged);
        for (Callable<Double> side : sides) { // warm-up, not recorded
            side.call();
        }
        List<double[]> rounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            double[] figures = new double[sides.size()];
            for (int i = 0; i < sides.size(); i++) { // the order reversed every other round
                int side = round % 2 == 0 ? i : sides.size() - 1 - i;
                figures[side] = sides.get(side).call();
            }
            rounds.add(figures);
        }
        double gateway = Rounds.median(rounds, 0);
        double stored = Rounds.median(rounds, 1);
        double jdbc = Rounds.median(rounds, 2);
        double jdbcInJta = Rounds.median(rounds, 3);
        double unlogged = Rounds.median(rounds, 4);
        String how = String.format(Locale.ROOT, "median of %d rounds of %,d rows, 1 thread, one transaction per "
                + "row, each round's sides in turn (reversed every other round) on an emptied table; baseline: the "
                + "same rows with one JDBC INSERT each in a JTA transaction of the same Narayana and Agroal pool",
                ROUNDS, count);
        results.add(new Result("deadletter", "dead-lettering rate: JpaDeadLetterStore.save in a JTA transaction",
                "rows/s", stored, jdbcInJta, stored / jdbcInJta, ">= 0.8x raw JDBC, same transaction manager",
                stored / jdbcInJta >= 0.8, columns(rounds, 1, 3), how + "; on PostgreSQL the store's save is one "
                + "INSERT ... ON CONFLICT DO NOTHING through Hibernate"));
        results.add(new Result("deadletter", "dead-lettering rate: failing command through an "
                + "@ErrorChannel(deadLetter) gateway", "rows/s", gateway, jdbcInJta, gateway / jdbcInJta,
                ">= 0.8x raw JDBC, same transaction manager", gateway / jdbcInJta >= 0.8, columns(rounds, 0, 3),
                "includes the handler's exception, the ErrorMessage, its stack trace and JSON, the dead letter "
                + "channel's transaction of its own; " + how));
        results.add(new Result("deadletter", "for comparison: the same gateway, its REBOUND-1032 WARNING line per "
                + "dead letter not logged (logger at SEVERE)", "rows/s", unlogged, jdbcInJta, unlogged / jdbcInJta, "",
                null, columns(rounds, 4, 3), "what the application's logging of one WARNING line per dead letter costs "
                + "(java.util.logging's ConsoleHandler and SimpleFormatter here; Rebound logs each dead letter as "
                + "NServiceBus and Spring's DeadLetterPublishingRecoverer do)"));
        results.add(new Result("deadletter", "for comparison: the same JDBC INSERT in auto-commit, no JTA",
                "rows/s", jdbc, jdbcInJta, jdbc / jdbcInJta, "", null, columns(rounds, 2, 3),
                "what the JTA transaction costs over a bare pooled connection (Narayana's begin/commit, the "
                + "enlistment; one resource: one-phase commit)"));
        return stackTrace;
    }

    /** An emptied table and the rows to write into it. */
    private static List<DeadLetterRecord> fresh(int count, String stackTrace) {
        Rows.execute("TRUNCATE rebound_dead_letter");
        return Rows.records(count, stackTrace);
    }

    /** Two columns of each round, Rebound's and the baseline's. */
    private static List<double[]> columns(List<double[]> rounds, int rebound, int baseline) {
        return rounds.stream().map(r -> new double[] {r[rebound], r[baseline]}).toList();
    }

    /** Measured replays of the whole table, after one (smaller) warm-up replay. */
    private static final int REPLAYS = 3;

    private static void replay(Results results, int count, RejectingDesk desk, DeadLetters deadLetters,
                               String stackTrace) throws Exception {
        desk.use(Work.happy());
        replayAll(Math.max(1000, count / 5), deadLetters, stackTrace); // warm-up: the replay path's first run
        List<double[]> rounds = new ArrayList<>();
        for (int i = 0; i < REPLAYS; i++) {
            rounds.add(new double[] {replayAll(count, deadLetters, stackTrace)});
        }
        double perSecond = Rounds.median(rounds, 0);
        results.add(new Result("deadletter", "replay of " + String.format(Locale.ROOT, "%,d", count)
                + " dead letters (DeadLetters.replayAll), one node", "replays/s", perSecond, Double.NaN, Double.NaN,
                ">= 5,000 replays/s", perSecond >= 5_000, rounds,
                String.format(Locale.ROOT, "median of %d replays of a table filled anew, after a warm-up replay of "
                        + "%,d; batches of 100: a claim in one short JTA transaction, then the rows' removal and "
                        + "their handlers in one (see the replay suite)", REPLAYS, Math.max(1000, count / 5))));
    }

    /** Replays a table of {@code count} dead letters, checks none is left, returns replays per second. */
    private static double replayAll(int count, DeadLetters deadLetters, String stackTrace) throws Exception {
        Rows.execute("TRUNCATE rebound_dead_letter");
        Rows.fill(count, stackTrace);
        long start = System.nanoTime();
        int replayed = deadLetters.replayAll();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (replayed != count || deadLetters.count() != 0) {
            throw new IllegalStateException("replayed " + replayed + " of " + count + ", left " + deadLetters.count());
        }
        return count / seconds;
    }

    private static void bigTable(Results results, long rows, DeadLetters deadLetters, String stackTrace)
            throws Exception {
        Rows.execute("TRUNCATE rebound_dead_letter");
        long start = System.nanoTime();
        Rows.fill(rows, stackTrace);
        results.note(String.format(Locale.ROOT, "Dead letter table filled with %,d rows by SQL in %.0f s (%s).",
                rows, (System.nanoTime() - start) / 1e9, Rows.tableSize()));
        String size = String.format(Locale.ROOT, "%,d rows", rows);
        double firstPage = millis(21, () -> check(deadLetters.list(0, 50).size() == 50));
        results.add(query("DeadLetters.list(0, 50) at " + size, firstPage, "median of 21 calls after warm-up; "
                + "offset pagination ordered by (failed_at, message_id), which has an index"));
        double deepPage = millis(3, () -> check(deadLetters.list((int) (rows / 2), 50).size() == 50));
        results.add(Result.info("deadletter", "DeadLetters.list(" + rows / 2 + ", 50) at " + size, "ms", deepPage,
                "median of 3; offset pagination reads and skips every earlier row (see the keyset page below)"));
        double count = millis(5, () -> check(deadLetters.count() == rows));
        results.add(query("DeadLetters.count() at " + size, count, "median of 5"));
        double stats = millis(5, () -> check(deadLetters.stats().total() == rows));
        results.add(query("DeadLetters.stats() (total, oldest, count per channel) at " + size, stats, "median of 5"));
        double keysetFirst = millis(21, () -> check(deadLetters.page(DeadLetterFilter.all(), null, 50).items().size()
                == 50));
        results.add(query("DeadLetters.page(all, first, 50) at " + size, keysetFirst, "median of 21; keyset page"));
        DeadLetterCursor middle = new DeadLetterCursor(Instant.ofEpochMilli(1767225600000L + rows / 2),
                UUID.fromString(Rows.messageIdOf(rows / 2)));
        double keysetDeep = millis(5, () -> check(deadLetters.page(DeadLetterFilter.all(), middle, 50).items().size()
                == 50));
        results.add(query("DeadLetters.page(all, after row " + rows / 2 + ", 50) at " + size, keysetDeep,
                "median of 5; keyset page in the middle of the table"));
        DeadLetterFilter oneClass = DeadLetterFilter.all().withExceptionClass("com.example.Failure7");
        double filtered = millis(5, () -> check(deadLetters.page(oneClass, null, 50).items().size() == 50));
        results.add(query("DeadLetters.page(exceptionClass = one of 20, first, 50) at " + size, filtered,
                "median of 5"));
        double groups = millis(5, () -> check(deadLetters.groups(DeadLetterFilter.all()).size() == 20));
        results.add(query("DeadLetters.groups(all) (20 failure groups) at " + size, groups, "median of 5"));
        Rows.execute("TRUNCATE rebound_dead_letter");
    }

    private static Result query(String name, double ms, String how) {
        return new Result("deadletter", name, "ms", ms, Double.NaN, Double.NaN, "< 20 ms", ms < QUERY_GOAL_MS,
                List.of(), how);
    }

    @FunctionalInterface
    private interface Job {
        void run() throws Exception;
    }

    private static double rate(int count, Job job) throws Exception {
        long start = System.nanoTime();
        job.run();
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** Median duration in ms of {@code times} runs, after 2 unmeasured ones. */
    private static double millis(int times, Job job) throws Exception {
        job.run();
        job.run();
        double[] ms = new double[times];
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            job.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[times / 2];
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("unexpected result");
        }
    }
}
