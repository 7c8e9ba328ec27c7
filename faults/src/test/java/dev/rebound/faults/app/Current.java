package dev.rebound.faults.app;

/**
 * What the thread is doing, for the fault points that Rebound's callbacks reach without the message: the key the
 * handler saw last on this consumer thread (routing and dead-lettering run on it right after the handler), and
 * whether the thread is replaying.
 */
final class Current {

    static final ThreadLocal<String> KEY = new ThreadLocal<>();
    static final ThreadLocal<Boolean> REPLAYING = ThreadLocal.withInitial(() -> false);

    private Current() {
    }
}
