package dev.rebound.nodes.support;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a node's ledger says per key: effect rows by node A and by node B (and of them by a replay), dead letters,
 * copies on the queues, copies on the engine's exception destination.
 */
public record Ledger(Map<String, Entry> keys) {

    public record Entry(int onA, int onB, int replayed, int deadLetters, int queued, int exception) {

        static final Entry NONE = new Entry(0, 0, 0, 0, 0, 0);

        /** Handled (anywhere) plus dead-lettered: exactly 1 when the key is settled right. */
        public int outcomes() {
            return onA + onB + deadLetters;
        }
    }

    static Ledger parse(String text) {
        Map<String, Entry> keys = new LinkedHashMap<>();
        text.lines().filter(line -> !line.isBlank()).forEach(line -> {
            String[] f = line.strip().split(" ");
            keys.put(f[0], new Entry(Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                    Integer.parseInt(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6])));
        });
        return new Ledger(keys);
    }

    public Entry of(String key) {
        return keys.getOrDefault(key, Entry.NONE);
    }

    /** Every key has one outcome, and nothing of theirs is left on a queue or the exception destination. */
    public boolean settled(Collection<String> sent) {
        return sent.stream().map(this::of).allMatch(e -> e.outcomes() == 1 && e.queued() == 0 && e.exception() == 0)
                && keys.keySet().stream().allMatch(sent::contains);
    }

    public long lost(Collection<String> sent) {
        return sent.stream().map(this::of).filter(e -> e.outcomes() == 0 && e.queued() == 0).count();
    }

    public long duplicated(Collection<String> sent) {
        return sent.stream().map(this::of).filter(e -> e.outcomes() > 1).count();
    }

    public long stuck(Collection<String> sent) {
        return sent.stream().map(this::of).filter(e -> e.queued() > 0).count();
    }

    public long onExceptionDestination(Collection<String> sent) {
        return sent.stream().mapToInt(key -> of(key).exception()).sum();
    }

    public long handledOnA(Collection<String> sent) {
        return sent.stream().mapToInt(key -> of(key).onA()).sum();
    }

    public long handledOnB(Collection<String> sent) {
        return sent.stream().mapToInt(key -> of(key).onB()).sum();
    }

    public long deadLettered(Collection<String> sent) {
        return sent.stream().mapToInt(key -> of(key).deadLetters()).sum();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("key onA onB replayed deadLetters queued exception\n");
        keys.forEach((key, e) -> text.append(key).append(' ').append(e.onA()).append(' ').append(e.onB()).append(' ')
                .append(e.replayed()).append(' ').append(e.deadLetters()).append(' ').append(e.queued()).append(' ')
                .append(e.exception()).append('\n'));
        return text.toString();
    }
}
