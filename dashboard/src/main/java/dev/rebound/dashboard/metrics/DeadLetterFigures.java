package dev.rebound.dashboard.metrics;

import dev.rebound.DeadLetterStats;
import dev.rebound.DeadLetters;
import dev.rebound.dashboard.DashboardDiagnostics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The dead letter count and oldest failure, re-read from the store every few seconds on the container's managed
 * scheduled executor (which carries the application's context, so the store's EntityManager and transaction
 * manager work there), and sooner after a change. Gauges read the latest figures without touching the database.
 */
final class DeadLetterFigures {

    private static final Logger LOG = Logger.getLogger(DeadLetterFigures.class.getName());
    private static final DeadLetterStats NONE = new DeadLetterStats(0, null, List.of());

    private final Supplier<DeadLetters> deadLetters;
    private final Clock clock;
    private final Duration every;
    private final AtomicBoolean dirty = new AtomicBoolean(true);
    private volatile DeadLetterStats latest = NONE;
    private ScheduledExecutorService scheduler;
    private boolean ownScheduler;
    private ScheduledFuture<?> task;

    DeadLetterFigures(Supplier<DeadLetters> deadLetters, Clock clock, Duration every) {
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.every = every;
    }

    synchronized void start() {
        if (task != null) {
            return;
        }
        try {
            scheduler = (ScheduledExecutorService) new InitialContext()
                    .lookup("java:comp/DefaultManagedScheduledExecutorService");
        } catch (NamingException | RuntimeException notInAServer) {
            scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "rebound-metrics");
                thread.setDaemon(true);
                return thread;
            });
            ownScheduler = true;
        }
        // checks often whether a refresh is due, reads the store only when something changed or time is up
        long tick = Math.max(200, every.toMillis() / 10);
        long[] lastRead = {0};
        task = scheduler.scheduleWithFixedDelay(() -> {
            long now = clock.millis();
            if (dirty.getAndSet(false) || now - lastRead[0] >= every.toMillis()) {
                lastRead[0] = now;
                refresh();
            }
        }, 0, tick, TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        if (ownScheduler) {
            scheduler.shutdownNow();
        }
    }

    void refreshSoon() {
        dirty.set(true);
    }

    private void refresh() {
        try {
            latest = deadLetters.get().stats();
        } catch (RuntimeException e) {
            // the database may be down; keep the last figures, the next tick tries again
            LOG.log(Level.FINE, DashboardDiagnostics.figuresUnreadable(), e);
        }
    }

    DeadLetterStats latest() {
        return latest;
    }

    double oldestAgeSeconds() {
        DeadLetterStats stats = latest;
        return stats.oldestFailure() == null ? 0
                : Math.max(0, clock.millis() - stats.oldestFailure().toEpochMilli()) / 1000.0;
    }
}
