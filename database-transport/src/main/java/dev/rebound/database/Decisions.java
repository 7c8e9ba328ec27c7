package dev.rebound.database;

import dev.rebound.spi.Outcome;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Outcomes that could not be carried out (the dead letter store was down), by row id, so that the row's next claim
 * on this node carries the outcome out instead of running the handler again. Bounded: an evicted entry (or a row
 * another node claims) only means the handler runs once more. Thread-safe.
 */
final class Decisions {

    private final Map<String, Outcome> kept;

    Decisions(int capacity) {
        this.kept = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Outcome> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void keep(String row, Outcome outcome) {
        if (outcome instanceof Outcome.Final last && (last.strategy() == dev.rebound.FinalFailureStrategy.RELEASE
                || last.strategy() == dev.rebound.FinalFailureStrategy.STOP)) {
            return;                          // they leave the row as it is: the handler is to run again
        }
        kept.put(row, outcome);
    }

    /** The outcome kept for the row, removed; {@code null} if none (the handler is to run). */
    synchronized Outcome take(String row) {
        return kept.isEmpty() ? null : kept.remove(row);
    }
}
