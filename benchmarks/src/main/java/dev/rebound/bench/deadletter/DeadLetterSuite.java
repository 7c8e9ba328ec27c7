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

    public static void run(Results results, double scale) throws Exception {
        int count = (int) Math.max(500, Math.round(5000 * scale));
        try (WeldContainer app = Deployments.weld(Map.of(), RejectingDesk.class, DeadLetteringBus.class).initialize()) {
            DeadLetteringBus bus = app.select(DeadLetteringBus.class).get();
            RejectingDesk desk = app.select(RejectingDesk.class).get();
            DeadLetters deadLetters = app.select(DeadLetters.class).get();
            Rows.execute("TRUNCATE rebound_dead_letter");
            String stackTrace = rates(results, count, bus);
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
        Callable<Double> viaGateway = () -> rate(count, () -> {
            for (int i = 0; i < count; i++) {
                if (bus.send(Order.number(i)) != null) {
                    throw new IllegalStateException("the command was expected to fail");
                }
            }
        });
        Callable<Double> viaStore = () -> {
            List<DeadLetterRecord> records = Rows.records(count, stackTrace);
            return rate(count, () -> {
                for (DeadLetterRecord record : records) {
                    tm.begin();
                    store.save(record);
                    tm.commit();
                }
            });
        };
        Callable<Double> viaJdbc = () -> {
            List<DeadLetterRecord> records = Rows.records(count, stackTrace);
            return rate(count, () -> {
                for (DeadLetterRecord record : records) {
                    Rows.insert(record);
                }
            });
        };
        Callable<Double> viaJdbcInJta = () -> {
            List<DeadLetterRecord> records = Rows.records(count, stackTrace);
            return rate(count, () -> {
                for (DeadLetterRecord record : records) {
                    tm.begin();
                    Rows.insertEnlisted(record);
                    tm.commit();
                }
            });
        };
        viaGateway.call();
        viaStore.call();
        viaJdbc.call();
        viaJdbcInJta.call();
        List<double[]> rounds = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            rounds.add(new double[] {viaGateway.call(), viaStore.call(), viaJdbc.call(), viaJdbcInJta.call()});
        }
        double gateway = Rounds.median(rounds, 0);
        double stored = Rounds.median(rounds, 1);
        double jdbc = Rounds.median(rounds, 2);
        double jdbcInJta = Rounds.median(rounds, 3);
        String how = String.format(Locale.ROOT, "median of 3 rounds of %,d rows, 1 thread, one transaction per "
                + "row; baseline: the same rows with one JDBC INSERT each (auto-commit, pooled connection); rounds "
                + "are [gateway, store, JDBC, JDBC in JTA]", count);
        results.add(new Result("deadletter", "dead-lettering rate: JpaDeadLetterStore.save in a JTA transaction",
                "rows/s", stored, jdbc, stored / jdbc, ">= 0.8x raw JDBC", stored / jdbc >= 0.8, rounds, how));
        results.add(new Result("deadletter", "dead-lettering rate: failing command through an "
                + "@ErrorChannel(deadLetter) gateway", "rows/s", gateway, jdbc, gateway / jdbc, ">= 0.8x raw JDBC",
                gateway / jdbc >= 0.8, rounds, "includes the handler's exception, the ErrorMessage, its stack "
                + "trace and JSON; " + how));
        results.add(new Result("deadletter", "for comparison: the same JDBC INSERT in a JTA transaction "
                + "(Narayana + Agroal)", "rows/s", jdbcInJta, jdbc, jdbcInJta / jdbc, "", null, List.of(),
                "what the transaction alone costs; the store adds Hibernate and an UPDATE before the INSERT "
                + "(it adds to an existing row of the same message id)"));
        return stackTrace;
    }

    private static void replay(Results results, int count, RejectingDesk desk, DeadLetters deadLetters,
                               String stackTrace) throws Exception {
        Rows.execute("TRUNCATE rebound_dead_letter");
        Rows.fill(count, stackTrace);
        desk.use(Work.happy());
        long start = System.nanoTime();
        int replayed = deadLetters.replayAll();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (replayed != count || deadLetters.count() != 0) {
            throw new IllegalStateException("replayed " + replayed + " of " + count + ", left " + deadLetters.count());
        }
        double perMinute = count / seconds * 60;
        results.add(new Result("deadletter", "replay of " + String.format(Locale.ROOT, "%,d", count)
                + " dead letters (DeadLetters.replayAll)", "replays/min", perMinute, Double.NaN, Double.NaN,
                ">= 10,000 replays/min", perMinute >= 10_000, List.<double[]>of(new double[] {perMinute}),
                String.format(Locale.ROOT, "%.1f s, %.0f replays/s; batches of 100: a claim in one short JTA "
                        + "transaction, then the rows' removal and their handlers in one (see the replay suite)", seconds, count / seconds)));
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
        results.add(new Result("deadletter", "DeadLetters.list(0, 50) at " + size, "ms", firstPage, Double.NaN,
                Double.NaN, "< 50 ms", firstPage < 50, List.of(), "median of 21 calls after warm-up; offset "
                + "pagination ordered by (failed_at, message_id), which has an index"));
        double deepPage = millis(3, () -> check(deadLetters.list((int) (rows / 2), 50).size() == 50));
        results.add(Result.info("deadletter", "DeadLetters.list(" + rows / 2 + ", 50) at " + size, "ms", deepPage,
                "median of 3; offset pagination reads and skips every earlier row (see the keyset page below)"));
        double count = millis(5, () -> check(deadLetters.count() == rows));
        results.add(Result.info("deadletter", "DeadLetters.count() at " + size, "ms", count, "median of 5"));
        double keysetFirst = millis(21, () -> check(deadLetters.page(DeadLetterFilter.all(), null, 50).items().size()
                == 50));
        results.add(new Result("deadletter", "DeadLetters.page(all, first, 50) at " + size, "ms", keysetFirst,
                Double.NaN, Double.NaN, "< 50 ms", keysetFirst < 50, List.of(), "median of 21; keyset page"));
        DeadLetterCursor middle = new DeadLetterCursor(Instant.ofEpochMilli(1767225600000L + rows / 2),
                UUID.fromString(Rows.messageIdOf(rows / 2)));
        double keysetDeep = millis(5, () -> check(deadLetters.page(DeadLetterFilter.all(), middle, 50).items().size()
                == 50));
        results.add(Result.info("deadletter", "DeadLetters.page(all, after row " + rows / 2 + ", 50) at " + size, "ms",
                keysetDeep, "median of 5; keyset page in the middle of the table"));
        DeadLetterFilter oneClass = DeadLetterFilter.all().withExceptionClass("com.example.Failure7");
        double filtered = millis(5, () -> check(deadLetters.page(oneClass, null, 50).items().size() == 50));
        results.add(Result.info("deadletter", "DeadLetters.page(exceptionClass = one of 20, first, 50) at " + size,
                "ms", filtered, "median of 5"));
        double groups = millis(5, () -> check(deadLetters.groups(DeadLetterFilter.all()).size() == 20));
        results.add(Result.info("deadletter", "DeadLetters.groups(all) (20 failure groups) at " + size, "ms", groups,
                "median of 5"));
        Rows.execute("TRUNCATE rebound_dead_letter");
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
