package dev.rebound.faults.support;

import java.util.Collection;

/**
 * The figure of a run. Per key, one of: right (effects + dead letters == 1, nothing left anywhere), duplicated
 * (more than one outcome), stuck (no outcome, still on queue work), on the exception destination (no outcome, the
 * engine took it out of Rebound's sight), lost (no outcome, nowhere).
 */
public record Verdict(int messages, int kills, int lost, int duplicated, int stuck, int exception) {

    public static Verdict of(Ledger ledger, Collection<String> keys, int kills) {
        int lost = 0;
        int duplicated = 0;
        int stuck = 0;
        int exception = 0;
        for (String key : keys) {
            Ledger.Entry e = ledger.of(key);
            if (e.outcomes() > 1) {
                duplicated++;
            } else if (e.outcomes() == 0 && e.queued() > 0) {
                stuck++;
            } else if (e.outcomes() == 0 && e.exception() > 0) {
                exception++;
            } else if (e.outcomes() == 0) {
                lost++;
            } else if (e.queued() > 0) {
                stuck++;            // handled, and a copy still waits on the queue to be handled again
            } else if (e.exception() > 0) {
                exception++;        // handled, and a copy sits on the exception destination
            }
        }
        return new Verdict(keys.size(), kills, lost, duplicated, stuck, exception);
    }

    public Verdict plus(Verdict other) {
        return new Verdict(messages + other.messages, kills + other.kills, lost + other.lost,
                duplicated + other.duplicated, stuck + other.stuck, exception + other.exception);
    }

    public boolean clean() {
        return lost == 0 && duplicated == 0 && stuck == 0 && exception == 0;
    }

    public String line() {
        return "REBOUND FAULTS jta: " + messages + " messages, " + kills + " kills, " + lost + " lost, " + duplicated
                + " duplicated, " + stuck + " stuck, " + exception + " on the exception destination";
    }
}
