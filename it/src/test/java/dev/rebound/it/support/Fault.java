package dev.rebound.it.support;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A switchable fault for handlers: fails the next {@code n} calls (or all of them), and counts every call, so
 * that a test can say how many times a handler body ran.
 */
@ApplicationScoped
public class Fault {

    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();

    public void failAlways() {
        failuresLeft.set(Integer.MAX_VALUE);
    }

    public void failTimes(int times) {
        failuresLeft.set(times);
    }

    public void off() {
        failuresLeft.set(0);
    }

    /** Counts a call and throws while failures are left. */
    public void call(String what) {
        int call = calls.incrementAndGet();
        if (failuresLeft.getAndUpdate(n -> n == Integer.MAX_VALUE || n == 0 ? n : n - 1) > 0) {
            throw new IllegalStateException("fault switched on: " + what + " (call " + call + ")");
        }
    }

    public int calls() {
        return calls.get();
    }

    public void resetCalls() {
        calls.set(0);
    }
}
