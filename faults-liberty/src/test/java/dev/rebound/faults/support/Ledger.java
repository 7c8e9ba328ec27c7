package dev.rebound.faults.support;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** What the application reports per key: effect rows, dead letters, on queue work, on the exception destination. */
public record Ledger(Map<String, Entry> entries) {

    public record Entry(int effects, int deadLetters, int queued, int exception) {

        static final Entry NONE = new Entry(0, 0, 0, 0);

        /** Handled once, or in the dead letter once. */
        public int outcomes() {
            return effects + deadLetters;
        }

        @Override
        public String toString() {
            return effects + " effect(s), " + deadLetters + " dead letter(s), " + queued + " queued, " + exception
                    + " on the exception destination";
        }
    }

    static Ledger parse(String text) {
        Map<String, Entry> entries = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split(" ");
            entries.put(f[0], new Entry(Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                    Integer.parseInt(f[4])));
        }
        return new Ledger(entries);
    }

    public Entry of(String key) {
        return entries.getOrDefault(key, Entry.NONE);
    }

    /** Every key has its one outcome (or is out of Rebound's hands on the exception destination), none queued. */
    public boolean settled(Collection<String> keys) {
        return keys.stream().map(this::of).allMatch(e -> e.queued() == 0 && (e.outcomes() >= 1 || e.exception() > 0));
    }

    /** The keys whose entry is not exactly one outcome and nothing else, with their entries. */
    public Map<String, Entry> wrong(Collection<String> keys) {
        Map<String, Entry> wrong = new LinkedHashMap<>();
        for (String key : keys) {
            Entry e = of(key);
            if (e.outcomes() != 1 || e.queued() != 0 || e.exception() != 0) {
                wrong.put(key, e);
            }
        }
        return wrong;
    }
}
