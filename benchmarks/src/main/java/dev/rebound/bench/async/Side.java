package dev.rebound.bench.async;

import dev.rebound.bench.BenchBroker;
import dev.rebound.bench.Work;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One side of an asynchronous comparison: a queue, the consumers that drain it, and where the messages that
 * always fail end up. A round fills the queue (not timed), starts the consumers and times until every message
 * is handled or dead-lettered; then it checks that nothing is left over or counted twice.
 */
public final class Side {

    /** Starts and stops the consumers of one side. */
    public interface Consumers {
        void start(Work work) throws Exception;

        void stop() throws Exception;
    }

    private final String name;
    private final String queue;
    private final String handler;
    private final Consumers consumers;
    private final LongSupplier deadLetters;
    private final Runnable clearDeadLetters;
    private final Map<String, String> metadata;
    private long cpuNanos;

    public Side(String name, String queue, Consumers consumers, LongSupplier deadLetters, Runnable clearDeadLetters) {
        this(name, queue, AsyncOrders.HANDLER, consumers, deadLetters, clearDeadLetters);
    }

    /** @param handler the Rebound handler id the queue's messages are addressed to */
    public Side(String name, String queue, String handler, Consumers consumers, LongSupplier deadLetters,
                Runnable clearDeadLetters) {
        this(name, queue, handler, consumers, deadLetters, clearDeadLetters, Map.of());
    }

    /** @param metadata what every message fed to the queue carries in its metadata (e.g. a trace context) */
    public Side(String name, String queue, String handler, Consumers consumers, LongSupplier deadLetters,
                Runnable clearDeadLetters, Map<String, String> metadata) {
        this.metadata = metadata;
        this.name = name;
        this.queue = queue;
        this.handler = handler;
        this.consumers = consumers;
        this.deadLetters = deadLetters;
        this.clearDeadLetters = clearDeadLetters;
    }

    public String name() {
        return name;
    }

    /** Messages per second for {@code count} messages through a fresh {@code work}. */
    public double round(long count, Work work) throws Exception {
        BenchBroker.purge(queue);
        clearDeadLetters.run();
        Feeder.feed(queue, 0, count, handler, metadata);
        long expectedHandled = work.expectedHandled(count);
        long expectedDead = work.expectedDead(count);
        long deadline = System.nanoTime() + 20L * 60 * 1_000_000_000;
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        consumers.start(work);
        while (work.handled() < expectedHandled || deadLetters.getAsLong() < expectedDead) {
            if (System.nanoTime() > deadline) {
                consumers.stop();
                throw new IllegalStateException(name + ": not done in 20 minutes: handled " + work.handled() + " of "
                        + expectedHandled + ", dead letters " + deadLetters.getAsLong() + " of " + expectedDead);
            }
            Thread.sleep(1);
        }
        long elapsed = System.nanoTime() - start;
        cpuNanos = processCpuNanos() - cpu;
        consumers.stop();
        check(work.handled() == expectedHandled, "handled " + work.handled() + ", expected " + expectedHandled);
        check(deadLetters.getAsLong() == expectedDead, "dead letters " + deadLetters.getAsLong() + ", expected "
                + expectedDead);
        check(BenchBroker.depth(queue) == 0, BenchBroker.depth(queue) + " messages left on " + queue);
        double perSecond = count / (elapsed / 1e9);
        System.out.printf(java.util.Locale.ROOT, "  %-40s %,8d messages in %6.2f s: %,10.0f msg/s%n", name, count,
                elapsed / 1e9, perSecond);
        return perSecond;
    }

    /**
     * The CPU time the whole JVM (consumers, broker, everything in it) used during the last round's timed part:
     * less sensitive than wall time to what else runs on the machine.
     */
    public long lastRoundCpuNanos() {
        return cpuNanos;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private void check(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalStateException(name + ": " + problem);
        }
    }
}
