package dev.rebound.database;

import dev.rebound.spi.TransportHealth;
import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Whether the database answers, in bounded time: a connection is taken and validated on a thread of its own, and
 * the check gives up after the timeout (a pool that waits for a free connection, a database that does not answer).
 * At most one probe runs at a time: a check while one hangs says down at once.
 */
final class DatabaseHealth {

    private final MessageTable table;
    private final Supplier<ThreadFactory> threads;
    private final long timeoutMs;
    private volatile CompletableFuture<Boolean> running;

    DatabaseHealth(MessageTable table, Supplier<ThreadFactory> threads, long timeoutMs) {
        this.table = table;
        this.threads = threads;
        this.timeoutMs = timeoutMs;
    }

    TransportHealth check() {
        CompletableFuture<Boolean> probe;
        synchronized (this) {
            probe = running;
            if (probe == null || probe.isDone()) {
                probe = new CompletableFuture<>();
                CompletableFuture<Boolean> result = probe;
                int seconds = (int) Math.max(1, (timeoutMs + 999) / 1000);
                Thread thread = threads.get().newThread(() -> {
                    try (Connection c = table.connection()) {
                        result.complete(c.isValid(seconds));
                    } catch (Throwable e) {
                        result.completeExceptionally(e);
                    }
                });
                thread.setName("rebound-database-health");
                running = probe;
                thread.start();
            }
        }
        try {
            return probe.get(timeoutMs, TimeUnit.MILLISECONDS) ? TransportHealth.UP
                    : TransportHealth.down("invalid connection (" + DatabaseDiagnostics.HEALTH + ")");
        } catch (TimeoutException e) {
            return TransportHealth.down("no answer within " + timeoutMs + " ms (" + DatabaseDiagnostics.HEALTH + ")");
        } catch (ExecutionException e) {
            return TransportHealth.down(e.getCause().getClass().getName() + " (" + DatabaseDiagnostics.HEALTH + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TransportHealth.down("interrupted (" + DatabaseDiagnostics.HEALTH + ")");
        }
    }
}
