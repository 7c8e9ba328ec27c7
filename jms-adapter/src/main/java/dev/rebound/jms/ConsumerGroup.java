package dev.rebound.jms;

import dev.rebound.spi.ChannelStatus;
import dev.rebound.spi.ChannelStatus.Failure;
import dev.rebound.spi.ChannelStatus.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The consumer threads of one channel, started and stopped together. Each thread reports what it does through
 * its {@link Member}, so that {@link #status()} says what the consumers really do.
 */
final class ConsumerGroup {

    private static final Logger LOG = Logger.getLogger(ConsumerGroup.class.getName());

    private final String channel;
    private final List<Member> members = new CopyOnWriteArrayList<>();
    private final Set<ConsumerSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile boolean running = true;
    private volatile int configured;
    private volatile Stop stoppedByStrategy;
    private volatile Instant pausedAt;

    /** Why the {@code STOP} strategy stopped the channel: no exception text (see {@link ChannelStatus}). */
    private record Stop(String reason, Failure failure, Instant at) {
    }

    ConsumerGroup(String channel) {
        this.channel = channel;
    }

    void start(int consumers, ThreadFactory factory, Function<ConsumerGroup, Runnable> loop) {
        configured = consumers;
        for (int i = 0; i < consumers; i++) {
            Thread thread = factory.newThread(loop.apply(this));
            thread.setName("rebound-" + channel + "-" + i);
            members.add(new Member(thread));
            thread.start();
        }
    }

    boolean running() {
        return running;
    }

    /** The calling consumer thread's member; asked once, when its loop begins. */
    Member member() {
        Thread current = Thread.currentThread();
        for (Member member : members) {
            if (member.thread == current) {
                return member;
            }
        }
        Member member = new Member(current);      // a thread factory that runs the loop on a thread of its own
        members.add(member);
        return member;
    }

    void opened(ConsumerSession session) {
        sessions.add(session);
    }

    void closed(ConsumerSession session) {
        sessions.remove(session);
    }

    /**
     * Stops because the final failure strategy said so; the consumers finish the message in hand. The failure's
     * text goes to the log only.
     */
    void stopBecause(String messageId, String exceptionType, Throwable failure) {
        String reason = "message " + messageId + " failed with " + exceptionType
                + " and the final failure strategy is STOP";
        stoppedByStrategy = new Stop(reason, new Failure(exceptionType, JmsDiagnostics.STOPPED), Instant.now());
        running = false;
        LOG.log(Level.SEVERE, JmsDiagnostics.stopped(channel, reason), failure);
    }

    /**
     * Stops and waits up to {@code timeoutMs} for in-flight handlers; then closes the sessions without commit, so
     * that their messages go back to the queue (a JTA unit in flight is marked rollback-only: its outcome can
     * never commit). A handler still running then is named with its stack and interrupted, so that its thread
     * does not outlive the application. Called once per group; later calls return at once.
     */
    void stop(long timeoutMs) {
        synchronized (this) {
            if (pausedAt != null) {
                return;
            }
            pausedAt = Instant.now();
            running = false;
        }
        long deadline = System.currentTimeMillis() + timeoutMs;
        for (Member member : members) {
            if (!join(member.thread, deadline)) {
                break;
            }
        }
        for (ConsumerSession session : sessions) {
            try {
                session.close();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Closing a consumer session of " + channel, e);
            }
        }
        List<Thread> outliving = new ArrayList<>();
        for (Member member : members) {
            if (member.thread.isAlive()) {
                LOG.log(Level.WARNING, JmsDiagnostics.handlerOutlivesShutdown(), new Object[] {
                        member.thread.getName(), channel, String.valueOf(timeoutMs), stack(member.thread)});
                outliving.add(member.thread);
            }
            member.thread.interrupt();
        }
        long grace = System.currentTimeMillis() + Math.min(timeoutMs, 1000);
        for (Thread thread : outliving) {
            if (join(thread, grace) && thread.isAlive()) {
                LOG.log(Level.SEVERE, JmsDiagnostics.threadOutlivesInterrupt(), new Object[] {thread.getName(), channel});
            }
        }
    }

    /** Waits for the thread until the deadline; false if this thread was interrupted meanwhile. */
    private static boolean join(Thread thread, long deadline) {
        try {
            thread.join(Math.max(1, deadline - System.currentTimeMillis()));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String stack(Thread thread) {
        StringBuilder frames = new StringBuilder();
        for (StackTraceElement frame : thread.getStackTrace()) {
            frames.append("\n\tat ").append(frame);
        }
        return frames.toString();
    }

    /** What the consumers do now; see {@link ChannelStatus.State} for which state wins when several apply. */
    ChannelStatus status() {
        int live = 0;
        int reconnecting = 0;
        Instant failingSince = null;
        Failure failing = null;
        Member dead = null;
        for (Member member : members) {
            if (member.died == null && member.thread.getState() != Thread.State.TERMINATED) {
                live++;
                Instant since = member.failingSince;
                if (since != null) {
                    reconnecting++;
                    if (failingSince == null || since.isBefore(failingSince)) {
                        failingSince = since;
                        failing = member.failure;
                    }
                }
            } else if (running && (dead == null || member.died != null)) {
                dead = member;
            }
        }
        int restarted = restarts.get();
        Stop stop = stoppedByStrategy;
        if (stop != null) {
            return new ChannelStatus(channel, State.STOPPED, configured, live, reconnecting, restarted, stop.at(),
                    stop.failure(), stop.reason());
        }
        if (!running) {
            return new ChannelStatus(channel, State.PAUSED, configured, live, reconnecting, restarted, pausedAt, null,
                    null);
        }
        if (dead != null) {
            Failure died = dead.died == null ? new Failure("unknown", JmsDiagnostics.DIED) : dead.died;
            return new ChannelStatus(channel, State.DEAD, configured, live, reconnecting, restarted, dead.diedAt, died,
                    null);
        }
        if (reconnecting > 0) {
            return new ChannelStatus(channel, State.RECONNECTING, configured, live, reconnecting, restarted,
                    failingSince, failing, null);
        }
        return new ChannelStatus(channel, State.CONSUMING, configured, live, 0, restarted, null, null, null);
    }

    /** One consumer thread, as it reports itself: receiving, failing since when and with what, or dead. */
    final class Member {

        private final Thread thread;
        private volatile Instant failingSince;
        private volatile Failure failure;
        private volatile Failure died;
        private volatile Instant diedAt;

        private Member(Thread thread) {
            this.thread = thread;
        }

        /**
         * A receive returned and its message, if any, was dealt with: the consumer works. Called after every
         * receive, so it costs only a volatile read then.
         */
        void consuming() {
            if (failingSince != null) {
                failingSince = null;
                failure = null;
            }
        }

        /** The consumer's session ended with a failure (the consumer logs it); it reconnects after the pause. */
        void failed(Exception cause) {
            note(cause, JmsDiagnostics.RECONNECTING);
        }

        /**
         * An {@link Error} (not a {@link VirtualMachineError}, see {@link #died}) ended the consumer's session: it
         * restarts after the pause, so that the channel keeps its consumers. Counted, and logged as severe: it
         * means a bug or a broken class path rather than an outage.
         */
        void restarting(Error cause, long pauseMs) {
            note(cause, JmsDiagnostics.RESTARTING);
            int restart = restarts.incrementAndGet();
            LOG.log(Level.SEVERE, JmsDiagnostics.restarting(thread.getName(), channel, pauseMs, restart), cause);
        }

        private void note(Throwable cause, String code) {
            failure = Failure.of(cause, code);
            if (failingSince == null) {
                failingSince = Instant.now();
            }
        }

        /** The thread dies of a {@link VirtualMachineError}: the JVM may be broken, no restart is tried. */
        void died(VirtualMachineError cause) {
            diedAt = Instant.now();
            died = Failure.of(cause, JmsDiagnostics.DIED);
            LOG.log(Level.SEVERE, JmsDiagnostics.died(thread.getName(), channel), cause);
        }
    }
}
