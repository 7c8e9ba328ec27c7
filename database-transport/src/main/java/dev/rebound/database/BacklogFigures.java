package dev.rebound.database;

import dev.rebound.spi.Backlog;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The depth and lag of the database channels, read at most once per {@code rebound.database.backlog-refresh-ms}
 * whoever asks (metrics scrapes, readiness probes, the dashboard): in between, and while a read runs, callers get
 * the last figures, so that a storm of scrapes makes one query per channel per period. A read runs on a thread of
 * the transport's factory (a server's managed one) and a caller waits for it at most
 * {@code rebound.database.health-timeout-ms}; a database that does not answer leaves the previous figures, with
 * their old {@link Backlog#measured()} time. Each channel is one statement on the claim index
 * ({@code channel, due_at, seq}): an index-only range scan of that channel's rows, never the whole table.
 */
final class BacklogFigures {

    private static final Logger LOG = Logger.getLogger(BacklogFigures.class.getName());

    private final MessageTable table;
    private final Supplier<ThreadFactory> threads;
    private final long refreshMs;
    private final long timeoutMs;
    private final LongSupplier clock;
    private volatile List<Backlog> latest = List.of();
    /** When the last read began (clock millis); a read begins only {@link #refreshMs} after the previous one. */
    private long readAt;
    private boolean everRead;
    private boolean failing;
    private CompletableFuture<List<Backlog>> running;

    BacklogFigures(MessageTable table, Supplier<ThreadFactory> threads, long refreshMs, long timeoutMs,
                   LongSupplier clock) {
        this.table = table;
        this.threads = threads;
        this.refreshMs = refreshMs;
        this.timeoutMs = timeoutMs;
        this.clock = clock;
    }

    /** The figures of {@code channels}: fresh if the last read is older than the refresh period, else the last ones. */
    List<Backlog> of(Collection<String> channels) {
        CompletableFuture<List<Backlog>> read;
        synchronized (this) {
            long now = clock.getAsLong();
            if (running != null && !running.isDone()) {
                read = running;                  // one read at a time: wait for it (bounded) rather than start another
            } else if (everRead && now - readAt < refreshMs) {
                return latest;
            } else {
                everRead = true;
                readAt = now;
                read = start(List.copyOf(channels));
                running = read;
            }
        }
        try {
            return read.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return latest;                       // logged by the read itself
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return latest;
        }
    }

    private CompletableFuture<List<Backlog>> start(List<String> channels) {
        CompletableFuture<List<Backlog>> result = new CompletableFuture<>();
        Thread thread = threads.get().newThread(() -> {
            try {
                List<Backlog> read = read(channels);
                latest = read;
                recovered();
                result.complete(read);
            } catch (Throwable e) {
                failed(channels, e);
                result.completeExceptionally(e);
            }
        });
        thread.setName("rebound-database-backlog");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    private List<Backlog> read(List<String> channels) throws SQLException {
        List<Backlog> read = new ArrayList<>(channels.size());
        try (Connection c = table.connection()) {
            for (String channel : channels) {
                long[] figures = table.backlog(c, channel, (int) Math.max(1, (timeoutMs + 999) / 1000));
                long now = System.currentTimeMillis();
                long oldestDue = figures[1];
                Duration lag = figures[0] == 0 || oldestDue > now ? Duration.ZERO : Duration.ofMillis(now - oldestDue);
                read.add(new Backlog(channel, figures[0], lag, Instant.ofEpochMilli(now)));
            }
        }
        return read;
    }

    /** Logged once per outage (then at FINE), as the figures are asked for every few seconds. */
    private synchronized void failed(List<String> channels, Throwable e) {
        LOG.log(failing ? Level.FINE : Level.WARNING, DatabaseDiagnostics.backlogUnreadable(channels), e);
        failing = true;
    }

    private synchronized void recovered() {
        failing = false;
    }
}
