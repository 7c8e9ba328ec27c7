package dev.rebound.jms;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds a blocking send outside a server, where nothing else does (an Artemis client that reconnects forever,
 * an address full with {@code BLOCK}): past its deadline the sending thread is interrupted, which ends Artemis'
 * blocking calls (credits, a blocking send, a commit). The interrupt is cleared when the send ends, so it never
 * leaks into the caller. One daemon thread for the transport, while it sends. Not used in a server: the container's threads
 * and connections are its own, bounded by the resource adapter's settings.
 */
final class Watchdog {

    private final ScheduledThreadPoolExecutor timer;

    Watchdog() {
        timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "rebound-jms-send-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(1, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);          // no thread left behind by an idle (or undeployed) transport
    }

    /** Watches the current thread until {@link Guard#close()}, at most until {@code deadlineNanos}. */
    Guard watch(long deadlineNanos) {
        Guard guard = new Guard(Thread.currentThread());
        guard.task = timer.schedule(guard::fire, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        return guard;
    }

    /** One watched send. */
    static final class Guard {

        private final Thread thread;
        private volatile ScheduledFuture<?> task;
        private boolean open = true;
        private boolean fired;

        private Guard(Thread thread) {
            this.thread = thread;
        }

        private synchronized void fire() {
            if (open) {
                fired = true;
                thread.interrupt();
            }
        }

        /** Ends the watch; from here on the thread is not interrupted, and an interrupt of ours is cleared. */
        void close() {
            synchronized (this) {
                open = false;
            }
            task.cancel(false);
            if (fired) {
                Thread.interrupted();
            }
        }

        /** Whether the deadline cut the send off. */
        synchronized boolean fired() {
            return fired;
        }
    }
}
