package dev.rebound.bench.async;

import dev.rebound.bench.Result;
import dev.rebound.bench.Results;
import dev.rebound.bench.Work;
import dev.rebound.testsupport.Jta;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue item 3: the failure path. 10% of the messages fail once and then succeed, 1% always fail. Rebound
 * retries through the broker ({@code @DelayedRetry(initialDelayMs = 0, maxRetries = 3)}: re-send with
 * attempt + 1, committed with the acknowledgement) and then stores a dead letter on PostgreSQL; the
 * hand-written consumer rolls back and lets the broker redeliver (no delay, 4 delivery attempts) and move the
 * message to its dead-letter address. Where the time goes: the same rounds with only the retries and with
 * only the dead letters, whose extra time over the happy path divided by the number of events gives the cost
 * of one retry and of one dead letter on each side.
 */
public final class FailureSuite {

    private FailureSuite() {
    }

    private record Variant(String name, long onceEvery, long alwaysEvery) {
        Work work() {
            return new Work(onceEvery, alwaysEvery);
        }
    }

    public static void run(Results results, double scale) throws Exception {
        long count = Math.max(2000, Math.round(10_000 * scale));
        List<Variant> variants = List.of(new Variant("10% fail once + 1% always fail", 10, 100),
                new Variant("no failure", 0, 0), new Variant("10% fail once", 10, 0),
                new Variant("1% always fail", 0, 100));
        for (int consumers : new int[] {1, 4}) {
            // local on both sides: the hand-written consumer's transacted session with broker redelivery
            try (ReboundApp app = new ReboundApp(consumers, Map.of("rebound.jms.transactions", "local"))) {
                Side rebound = new Side("Rebound delayed retry + dead letter", AsyncOrders.CHANNEL,
                        consumers(app), FailureSuite::deadLetterRows, FailureSuite::clearDeadLetterRows);
                Side plain = AsyncSuite.handWritten(consumers, false);
                double[] happy = null;
                for (Variant variant : consumers == 1 ? variants : variants.subList(0, 1)) {
                    List<double[]> rounds = Rounds.alternate(rebound, plain, count, 3, variant::work);
                    double r = Rounds.median(rounds, 0);
                    double b = Rounds.median(rounds, 1);
                    results.add(new Result("failure", variant.name() + ", " + consumers + " consumer"
                            + (consumers > 1 ? "s" : ""), "msg/s", r, b, r / b, "", null, rounds,
                            String.format(Locale.ROOT, "median of 3 alternating rounds of %,d messages; baseline: "
                                    + "rollback + broker redelivery + dead-letter address", count)));
                    if (variant.onceEvery() == 0 && variant.alwaysEvery() == 0) {
                        happy = new double[] {r, b};
                    } else if (happy != null) {
                        explain(results, variant, count, happy, new double[] {r, b});
                    }
                }
            }
        }
    }

    /** Extra time per failure event over the happy path, from the medians. */
    private static void explain(Results results, Variant variant, long count, double[] happy, double[] failing) {
        long events = variant.onceEvery() > 0 ? count / variant.onceEvery() : variant.work().expectedDead(count);
        String what = variant.onceEvery() > 0 ? "retry" : "message dead-lettered after 3 retries";
        double reboundMs = (count / failing[0] - count / happy[0]) * 1000 / events;
        double plainMs = (count / failing[1] - count / happy[1]) * 1000 / events;
        if (reboundMs <= 0 || plainMs <= 0) {
            results.note(String.format(Locale.ROOT, "Failure path, 1 consumer, %s: the extra time over the happy "
                    + "path is within this run's noise (%.2f ms per %s in Rebound, %.2f ms in the hand-written "
                    + "consumer); rerun on a quiet machine.", variant.name(), reboundMs, what, plainMs));
            return;
        }
        results.note(String.format(Locale.ROOT, "Failure path, 1 consumer: one %s costs %.2f ms in Rebound and "
                + "%.2f ms in the hand-written consumer (extra time over the happy path / %d events).", what,
                reboundMs, plainMs, events));
    }

    static Side.Consumers consumers(ReboundApp app) {
        return new Side.Consumers() {
            @Override
            public void start(Work work) {
                app.start(work);
            }

            @Override
            public void stop() {
                app.stop();
            }
        };
    }

    static long deadLetterRows() {
        try (Connection c = Jta.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM rebound_dead_letter")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void clearDeadLetterRows() {
        try (Connection c = Jta.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM rebound_dead_letter");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
