package dev.rebound.bench.memory;

import dev.rebound.bench.BenchBroker;
import dev.rebound.bench.Result;
import dev.rebound.bench.Results;
import dev.rebound.bench.Work;
import dev.rebound.bench.async.AsyncOrders;
import dev.rebound.bench.async.Feeder;
import dev.rebound.bench.async.ReboundApp;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue item 5: 1,000,000 messages through Rebound's {@code @Asynchronous} handler (4 consumers) while a
 * producer keeps the queue topped up; at checkpoints, the heap in use after a full GC. Everything the run holds
 * is in that figure, the in-VM broker included (its queue drained at each checkpoint), so a flat line means
 * neither Rebound nor the broker keeps anything per message.
 */
public final class MemorySuite {

    private static final long GROWTH_LIMIT_MB = 16;

    private MemorySuite() {
    }

    public static void run(Results results, double scale) throws Exception {
        long total = Math.max(100_000, Math.round(1_000_000 * scale));
        long[] checkpoints = {total / 100, total / 10, total / 4, total / 2, total * 3 / 4, total};
        BenchBroker.purge(AsyncOrders.CHANNEL);
        Work work = Work.happy();
        List<double[]> figures = new ArrayList<>();
        try (ReboundApp app = new ReboundApp(4, Map.of())) {
            Producer producer = new Producer(total);
            producer.start();
            long start = System.nanoTime();
            app.start(work);
            for (long checkpoint : checkpoints) {
                producer.limit = checkpoint;
                while (work.handled() < checkpoint || BenchBroker.depth(AsyncOrders.CHANNEL) > 0) {
                    if (!producer.isAlive() && producer.failure != null) {
                        throw new IllegalStateException("producer failed", producer.failure);
                    }
                    Thread.sleep(5);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double heapMb = heapAfterFullGc();
                figures.add(new double[] {checkpoint, heapMb, work.handled() / seconds});
                System.out.printf(Locale.ROOT, "  %,9d messages: heap after full GC %7.1f MB, %,.0f msg/s so far%n",
                        checkpoint, heapMb, work.handled() / seconds);
            }
            producer.join();
            app.stop();
        }
        double at10 = figures.get(1)[1];
        double atEnd = figures.get(figures.size() - 1)[1];
        String counts = String.format(Locale.ROOT, "%,d -> %,d messages", checkpoints[1], total);
        results.add(new Result("memory", "heap after full GC, " + counts, "MB", atEnd, at10, atEnd / at10,
                "flat: at most " + GROWTH_LIMIT_MB + " MB growth", atEnd - at10 <= GROWTH_LIMIT_MB, figures,
                String.format(Locale.ROOT, "Rebound is the figure at %,d, baseline the one at %,d messages, in the "
                        + "same JVM (whole heap: Weld, Rebound, Narayana, in-VM Artemis); 4 consumers, 1 KB "
                        + "persistent messages; rounds are [messages, MB, msg/s]", total, checkpoints[1])));
        for (double[] f : figures) {
            results.add(Result.info("memory", String.format(Locale.ROOT, "heap after full GC at %,d messages",
                    (long) f[0]), "MB", f[1], String.format(Locale.ROOT, "%,.0f msg/s on average until then", f[2])));
        }
    }

    private static double heapAfterFullGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    /**
     * Keeps up to about 5,000 messages waiting on the queue until {@code limit} have been sent, so that each
     * checkpoint is measured on a drained queue and the broker's backlog is not counted.
     */
    private static final class Producer extends Thread {
        private final long total;
        private volatile long limit;
        private volatile Throwable failure;

        Producer(long total) {
            super("memory-producer");
            this.total = total;
        }

        @Override
        public void run() {
            try {
                long sent = 0;
                while (sent < total) {
                    if (sent >= limit || BenchBroker.depth(AsyncOrders.CHANNEL) > 5_000) {
                        Thread.sleep(2);
                        continue;
                    }
                    long batch = Math.min(1_000, limit - sent);
                    Feeder.feed(AsyncOrders.CHANNEL, sent, batch);
                    sent += batch;
                }
            } catch (Throwable e) {
                failure = e;
            }
        }
    }
}
