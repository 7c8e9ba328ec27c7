package dev.rebound.database;

import dev.rebound.spi.ChannelStatus;
import dev.rebound.spi.ChannelStatus.Failure;
import dev.rebound.spi.ChannelStatus.State;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The consumer threads of one database channel, started and stopped together; each reports through its
 * {@link Member} what it does, for {@link #status()}.
 */
final class ChannelConsumers {

    private static final Logger LOG = Logger.getLogger(ChannelConsumers.class.getName());

    private final String channel;
    private final Wakeup wakeup;
    private final List<Member> members = new CopyOnWriteArrayList<>();
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile boolean running;
    private volatile boolean started;
    private volatile int configured;
    private volatile Instant pausedAt;
    private volatile Stop stoppedByStrategy;

    /** Why the {@code STOP} strategy stopped the channel: no exception text (see {@link ChannelStatus}). */
    private record Stop(String reason, Failure failure, Instant at) {
    }

    ChannelConsumers(String channel, Wakeup wakeup) {
        this.channel = channel;
        this.wakeup = wakeup;
    }

    /** Starts {@code consumers} threads unless the channel consumes now. */
    synchronized void start(int consumers, ThreadFactory factory, Function<Member, Runnable> loop) {
        if (running) {
            return;
        }
        members.removeIf(member -> !member.thread.isAlive());
        running = true;
        started = true;
        stoppedByStrategy = null;
        pausedAt = null;
        configured = consumers;
        for (int i = 0; i < consumers; i++) {
            Member member = new Member();
            Runnable consumer = loop.apply(member);
            Thread thread = factory.newThread(() -> {
                member.thread = Thread.currentThread();   // a managed factory may run it on a thread of its own
                consumer.run();
            });
            thread.setName("rebound-database-" + channel + "-" + i);
            member.thread = thread;
            members.add(member);
            thread.start();
        }
    }

    boolean running() {
        return running;
    }

    /** Stops because the final failure strategy said so; the failure's text goes to the log only. */
    void stopBecause(String messageId, Throwable failure) {
        String type = failure == null ? "unknown" : failure.getClass().getName();
        String reason = "message " + messageId + " failed with " + type + " and the final failure strategy is STOP";
        stoppedByStrategy = new Stop(reason, new Failure(type, DatabaseDiagnostics.STOPPED), Instant.now());
        running = false;
        wakeup.all();
        LOG.log(Level.SEVERE, DatabaseDiagnostics.stopped(channel, reason), failure);
    }

    /**
     * Stops and waits up to {@code timeoutMs} for in-flight handlers; a handler still running then is interrupted
     * (its unit rolls back, the row stays). Later calls return at once.
     */
    void stop(long timeoutMs) {
        synchronized (this) {
            if (!running && pausedAt != null) {
                return;
            }
            running = false;
            pausedAt = Instant.now();
        }
        wakeup.all();
        long deadline = System.currentTimeMillis() + timeoutMs;
        for (Member member : members) {
            try {
                member.thread.join(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Member member : members) {
            if (member.thread.isAlive()) {
                LOG.log(Level.WARNING, DatabaseDiagnostics.handlerOutlivesShutdown(),
                        new Object[] {member.thread.getName(), channel, String.valueOf(timeoutMs)});
                member.thread.interrupt();
            }
        }
    }

    ChannelStatus status() {
        int live = 0;
        int reconnecting = 0;
        Instant failingSince = null;
        Failure failing = null;
        Member dead = null;
        for (Member member : members) {
            if (member.died == null && member.thread.isAlive()) {
                live++;
                Instant since = member.failingSince;
                if (since != null) {
                    reconnecting++;
                    if (failingSince == null || since.isBefore(failingSince)) {
                        failingSince = since;
                        failing = member.failure;
                    }
                }
            } else if (member.died != null) {
                dead = member;
            }
        }
        Stop stop = stoppedByStrategy;
        if (!started) {
            return new ChannelStatus(channel, State.NOT_STARTED, 0, live, 0, restarts.get(), null, null, null);
        }
        if (stop != null) {
            return new ChannelStatus(channel, State.STOPPED, configured, live, reconnecting, restarts.get(), stop.at(),
                    stop.failure(), stop.reason());
        }
        if (!running) {
            return new ChannelStatus(channel, State.PAUSED, configured, live, reconnecting, restarts.get(), pausedAt,
                    null, null);
        }
        if (dead != null) {
            return new ChannelStatus(channel, State.DEAD, configured, live, reconnecting, restarts.get(), dead.diedAt,
                    dead.died, null);
        }
        if (reconnecting > 0) {
            return new ChannelStatus(channel, State.RECONNECTING, configured, live, reconnecting, restarts.get(),
                    failingSince, failing, null);
        }
        return new ChannelStatus(channel, State.CONSUMING, configured, live, 0, restarts.get(), null, null, null);
    }

    /** One consumer thread as it reports itself. */
    final class Member {

        private volatile Thread thread;
        private volatile Instant failingSince;
        private volatile Failure failure;
        private volatile Failure died;
        private volatile Instant diedAt;

        /** A claim or a unit went through: the consumer works. A volatile read on the happy path. */
        void working() {
            if (failingSince != null) {
                failingSince = null;
                failure = null;
            }
        }

        /** The database failed (the consumer logs it and pauses). */
        void failed(Throwable cause, String code) {
            failure = Failure.of(cause, code);
            if (failingSince == null) {
                failingSince = Instant.now();
            }
        }

        /** An {@link Error} other than a {@link VirtualMachineError}: the loop goes on, counted and logged. */
        void restarting(Error cause) {
            int restart = restarts.incrementAndGet();
            LOG.log(Level.SEVERE, DatabaseDiagnostics.restarting(thread.getName(), channel, restart), cause);
        }

        void died(VirtualMachineError cause) {
            diedAt = Instant.now();
            died = Failure.of(cause, DatabaseDiagnostics.DIED);
            LOG.log(Level.SEVERE, DatabaseDiagnostics.died(thread.getName(), channel), cause);
        }
    }
}
