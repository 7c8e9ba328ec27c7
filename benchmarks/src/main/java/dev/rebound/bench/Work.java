package dev.rebound.bench;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a handler does in every comparison, shared by Rebound's handler and the hand-written consumer so
 * that both do exactly the same: a little CPU over the payload, a count, and the planned failures. A message
 * whose number is a multiple of {@code alwaysEvery} always fails; one whose number modulo
 * {@code onceEvery} is {@code onceEvery / 2} fails on its first attempt only. Thread-safe.
 */
public final class Work {

    private final long onceEvery;
    private final long alwaysEvery;
    private final Set<Long> failedOnce = ConcurrentHashMap.newKeySet();
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile long checksum;

    /** @param onceEvery 0 for none; @param alwaysEvery 0 for none */
    public Work(long onceEvery, long alwaysEvery) {
        this.onceEvery = onceEvery;
        this.alwaysEvery = alwaysEvery;
    }

    public static Work happy() {
        return new Work(0, 0);
    }

    public void apply(Order order) {
        long seq = order.seq();
        if (alwaysEvery > 0 && seq % alwaysEvery == 0) {
            failures.incrementAndGet();
            throw new IllegalStateException("order " + seq + " is rejected, always");
        }
        if (onceEvery > 0 && seq % onceEvery == onceEvery / 2 && failedOnce.add(seq)) {
            failures.incrementAndGet();
            throw new IllegalStateException("order " + seq + " fails once");
        }
        checksum += order.lines().length() + order.orderId().hashCode();
        handled.incrementAndGet();
    }

    /** Messages of {@code 0..count-1} that end handled. */
    public long expectedHandled(long count) {
        return alwaysEvery > 0 ? count - expectedDead(count) : count;
    }

    /** Messages of {@code 0..count-1} that always fail. */
    public long expectedDead(long count) {
        return alwaysEvery > 0 ? (count + alwaysEvery - 1) / alwaysEvery : 0;
    }

    public long handled() {
        return handled.get();
    }

    public long failures() {
        return failures.get();
    }

    public void reset() {
        handled.set(0);
        failures.set(0);
        failedOnce.clear();
    }
}
