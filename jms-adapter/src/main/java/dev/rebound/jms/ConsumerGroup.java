package dev.rebound.jms;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The consumer threads of one channel, started and stopped together. */
final class ConsumerGroup {

    private static final Logger LOG = Logger.getLogger(ConsumerGroup.class.getName());

    private final String channel;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Set<ConsumerSession> sessions = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;
    private volatile String stoppedBecause;

    ConsumerGroup(String channel) {
        this.channel = channel;
    }

    void start(int consumers, ThreadFactory factory, java.util.function.Function<ConsumerGroup, Runnable> loop) {
        for (int i = 0; i < consumers; i++) {
            Thread thread = factory.newThread(loop.apply(this));
            thread.setName("rebound-" + channel + "-" + i);
            threads.add(thread);
            thread.start();
        }
    }

    boolean running() {
        return running;
    }

    void opened(ConsumerSession session) {
        sessions.add(session);
    }

    void closed(ConsumerSession session) {
        sessions.remove(session);
    }

    /** Stops because the final failure strategy said so; the consumers finish the message in hand. */
    void stopBecause(String reason) {
        stoppedBecause = reason;
        running = false;
        LOG.log(Level.SEVERE, "REBOUND-3006: Consumer of channel {0} stopped: {1}", new Object[] {channel, reason});
    }

    String stoppedBecause() {
        return stoppedBecause;
    }

    /**
     * Stops and waits up to {@code timeoutMs} for in-flight handlers; then closes the sessions without
     * commit, so that their messages go back to the queue.
     */
    void stop(long timeoutMs) {
        running = false;
        long deadline = System.currentTimeMillis() + timeoutMs;
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
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
        threads.forEach(Thread::interrupt);
    }
}
