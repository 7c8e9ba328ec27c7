package dev.rebound.bench.dedup;

import java.util.Arrays;

/**
 * The time between consecutive handler completions of one consumer: with one consumer on a full queue, each
 * gap is one message's whole cycle (receive, claim, handler, commit). Records up to its capacity; thread-safe.
 */
public final class Gaps {

    private final long[] nanos;
    private int size;
    private long last;

    Gaps(int capacity) {
        nanos = new long[capacity];
    }

    static Gaps none() {
        return new Gaps(0);
    }

    synchronized void completed() {
        long now = System.nanoTime();
        if (last != 0 && size < nanos.length) {
            nanos[size++] = now - last;
        }
        last = now;
    }

    /** The q-quantile (0..1) of the gaps, in ms. */
    synchronized double quantileMillis(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        return sorted[Math.min(size - 1, (int) Math.ceil(q * size) - 1)] / 1e6;
    }
}
