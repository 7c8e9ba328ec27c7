package dev.rebound.inmemory;

import dev.rebound.spi.ChannelStatus;
import dev.rebound.spi.ChannelStatus.Failure;
import dev.rebound.spi.ChannelStatus.State;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The consumer threads of one channel, started and stopped together, and what they report for
 * {@link #status()}. A start after a stop makes new threads; the queue keeps its messages in between.
 */
final class ChannelConsumers {

    private static final Logger LOG = Logger.getLogger(ChannelConsumers.class.getName());

    private final String channel;
    private final List<Member> members = new CopyOnWriteArrayList<>();
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile boolean running;
    private volatile boolean started;
    private volatile int configured;
    private volatile Instant pausedAt;
    private volatile Stop stoppedByStrategy;
    /** Messages whose outcome could not be carried out and that wait to be tried again, with the failure. */
    private final Map<Object, Failing> failing = new ConcurrentHashMap<>();

    private record Failing(Failure failure, Instant since) {
    }

    /** Why the {@code STOP} strategy stopped the channel: no exception text (see {@link ChannelStatus}). */
    private record Stop(String reason, Failure failure, Instant at) {
    }

    ChannelConsumers(String channel) {
        this.channel = channel;
    }

    /** Starts {@code consumers} threads unless this channel consumes now. */
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
                member.bind(Thread.currentThread());     // a managed factory may run it on a thread of its own
                consumer.run();
            });
            thread.setName("rebound-in-memory-" + channel + "-" + i);
            member.bind(thread);
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
        stoppedByStrategy = new Stop(reason, new Failure(type, InMemoryDiagnostics.STOPPED), Instant.now());
        running = false;
        LOG.log(Level.SEVERE, InMemoryDiagnostics.stopped(channel, reason), failure);
    }

    /**
     * Stops and waits up to {@code timeoutMs} for in-flight handlers; a handler still running then is interrupted
     * (its message goes back to the queue when it returns).
     */
    void stop(long timeoutMs) {
        synchronized (this) {
            if (!running && pausedAt != null) {
                return;
            }
            running = false;
            pausedAt = Instant.now();
        }
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
                LOG.log(Level.WARNING, InMemoryDiagnostics.handlerOutlivesShutdown(), new Object[] {member.thread.getName(), channel,
                        String.valueOf(timeoutMs)});
                member.thread.interrupt();
            }
        }
    }

    /** Carrying out the outcome of {@code message} failed; it is tried again after a pause. */
    void failing(Object message, Throwable cause) {
        failing.putIfAbsent(message, new Failing(Failure.of(cause, InMemoryDiagnostics.OUTCOME_FAILED), Instant.now()));
    }

    /** The message left the queue, or its outcome was carried out. */
    void settled(Object message) {
        if (!failing.isEmpty()) {
            failing.remove(message);
        }
    }

    ChannelStatus status() {
        int live = 0;
        Member dead = null;
        for (Member member : members) {
            if (member.died == null && member.thread.isAlive()) {
                live++;
            } else if (member.died != null) {
                dead = member;
            }
        }
        Failing first = failing.values().stream().min(java.util.Comparator.comparing(Failing::since)).orElse(null);
        int reconnecting = first == null ? 0 : Math.max(1, Math.min(live, failing.size()));
        Instant failingSince = first == null ? null : first.since();
        Failure failingWith = first == null ? null : first.failure();
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
                    failingSince, failingWith, null);
        }
        return new ChannelStatus(channel, State.CONSUMING, configured, live, 0, restarts.get(), null, null, null);
    }

    /** One consumer thread as it reports itself. */
    final class Member {

        private volatile Thread thread;
        private volatile Failure died;
        private volatile Instant diedAt;

        private void bind(Thread value) {
            thread = value;
        }

        /** An {@link Error} other than a {@link VirtualMachineError}: the loop goes on, counted and logged. */
        void restarting(Error cause) {
            int restart = restarts.incrementAndGet();
            LOG.log(Level.SEVERE, InMemoryDiagnostics.restarting(thread.getName(), channel, restart), cause);
        }

        void died(VirtualMachineError cause) {
            diedAt = Instant.now();
            died = Failure.of(cause, InMemoryDiagnostics.DIED);
            LOG.log(Level.SEVERE, InMemoryDiagnostics.died(thread.getName(), channel), cause);
        }
    }
}
