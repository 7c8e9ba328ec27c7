package dev.rebound.jms;

import dev.rebound.spi.TransportHealth;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether the broker answers, for the readiness check: opens and closes a connection with the consumers'
 * connection factory on a thread of its own, so that a broker that does not answer (a dropped packet, a full
 * backlog) costs the check at most the timeout. One probe at a time: while one hangs, further checks wait for it
 * again instead of starting another thread. What failed is published as its exception type and a REBOUND code;
 * the exception's text (it may name hosts and users) is only logged, once per change.
 */
final class BrokerHealth {

    private static final Logger LOG = Logger.getLogger(BrokerHealth.class.getName());
    static final String UNREACHABLE = JmsDiagnostics.UNREACHABLE;
    static final String TIMED_OUT = JmsDiagnostics.TIMED_OUT;

    private final Supplier<ConnectionFactory> factory;
    private final Supplier<ThreadFactory> threads;
    private final long timeoutMs;
    private CompletableFuture<TransportHealth> probe;      // guarded by this
    private String lastReported;                           // guarded by this

    BrokerHealth(Supplier<ConnectionFactory> factory, Supplier<ThreadFactory> threads, long timeoutMs) {
        this.factory = factory;
        this.threads = threads;
        this.timeoutMs = timeoutMs;
    }

    TransportHealth check() {
        CompletableFuture<TransportHealth> running;
        try {
            running = probe();
        } catch (RuntimeException noThread) {
            return report(TransportHealth.down(noThread.getClass().getName() + " (" + UNREACHABLE + ")"), noThread);
        }
        try {
            TransportHealth health = running.get(timeoutMs, TimeUnit.MILLISECONDS);
            reachable();
            return health;
        } catch (TimeoutException hangs) {
            return report(TransportHealth.down(TimeoutException.class.getName() + " (" + TIMED_OUT + ")"), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TransportHealth.down(InterruptedException.class.getName() + " (" + TIMED_OUT + ")");
        } catch (ExecutionException e) {
            return report(TransportHealth.down(e.getCause().getClass().getName() + " (" + UNREACHABLE + ")"),
                    e.getCause());
        }
    }

    private synchronized CompletableFuture<TransportHealth> probe() {
        if (probe == null || probe.isDone()) {
            CompletableFuture<TransportHealth> started = new CompletableFuture<>();
            Thread thread = threads.get().newThread(() -> {
                try (JMSContext context = factory.get().createContext()) {
                    context.createProducer();   // a live connection, not just a configured object
                    started.complete(TransportHealth.UP);
                } catch (RuntimeException | LinkageError e) {
                    started.completeExceptionally(e);
                }
            });
            if (thread == null) {
                throw new IllegalStateException(JmsDiagnostics.noHealthThread());
            }
            thread.start();
            probe = started;
        }
        return probe;
    }

    /** Logs what the check publishes when it changes: the full text goes to the log only. */
    private synchronized TransportHealth report(TransportHealth health, Throwable why) {
        if (!health.detail().equals(lastReported)) {
            lastReported = health.detail();
            String code = health.detail().contains(TIMED_OUT) ? TIMED_OUT : UNREACHABLE;
            LOG.log(Level.WARNING, code + ": The broker did not answer the readiness check"
                    + (why == null ? " within " + timeoutMs + " ms (rebound.jms.health-timeout-ms)" : ": " + why));
        }
        return health;
    }

    /** A check that succeeds lets the next failure be logged again. */
    private synchronized void reachable() {
        lastReported = null;
    }
}
