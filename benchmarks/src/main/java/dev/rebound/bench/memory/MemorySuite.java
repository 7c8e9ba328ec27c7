package dev.rebound.bench.memory;

import dev.rebound.bench.Result;
import dev.rebound.bench.Results;
import dev.rebound.bench.dedup.DedupMemoryPath;
import dev.rebound.bench.outbox.OutboxMemoryPath;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Issue item 5: 1,000,000 messages on each path while a producer keeps about 5,000 of them waiting; at
 * checkpoints, the heap in use after a full GC. The paths ({@code bench.memory.paths}, default all): Rebound's
 * {@code @Asynchronous} handler ({@link AsyncPath}), the outbox (business transactions writing rows, the relay
 * sending them to Artemis: {@link OutboxMemoryPath}) and a {@code @Deduplicated} handler
 * ({@link DedupMemoryPath}). Everything the run holds is in the figure, the in-VM broker included (drained at each
 * checkpoint), so a flat line means neither Rebound nor the broker keeps anything per message; each path's ledger
 * is checked at its end (every message handled once, none left).
 */
public final class MemorySuite {

    private static final long GROWTH_LIMIT_MB = 16;
    private static final long WAITING = 5_000;

    private MemorySuite() {
    }

    public static void run(Results results, double scale) throws Exception {
        long total = Math.max(100_000, Math.round(1_000_000 * scale));
        List<String> chosen = Arrays.asList(System.getProperty("bench.memory.paths", "async,outbox,dedup")
                .split(","));
        for (String name : chosen) {
            Supplier<MemoryPath> path = switch (name.trim()) {
                case "async" -> AsyncPath::new;
                case "outbox" -> OutboxMemoryPath::new;
                case "dedup" -> DedupMemoryPath::new;
                default -> throw new IllegalArgumentException("unknown memory path " + name
                        + "; known: async, outbox, dedup");
            };
            measure(results, path, total);
        }
    }

    private static void measure(Results results, Supplier<MemoryPath> paths, long total) throws Exception {
        long[] checkpoints = {total / 100, total / 10, total / 4, total / 2, total * 3 / 4, total};
        List<double[]> figures = new ArrayList<>();
        String name;
        String describe;
        String ledger;
        try (MemoryPath path = paths.get()) {
            name = path.name();
            describe = path.describe();
            System.out.println("[memory] " + name + ": " + describe);
            Producer producer = new Producer(path, total);
            producer.start();
            long start = System.nanoTime();
            path.start();
            for (long checkpoint : checkpoints) {
                producer.limit = checkpoint;
                long deadline = System.nanoTime() + 3_600_000_000_000L;
                long report = System.nanoTime() + 30_000_000_000L;
                while (path.handled() < checkpoint || path.waiting() > 0) {
                    if (System.nanoTime() > report) {
                        System.out.printf(Locale.ROOT, "  %s: %,d of %,d handled, %,d waiting%n", name,
                                path.handled(), checkpoint, path.waiting());
                        report = System.nanoTime() + 30_000_000_000L;
                    }
                    if (producer.failure != null) {
                        throw new IllegalStateException("the producer of " + name + " failed", producer.failure);
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(name + ": " + path.handled() + " of " + checkpoint
                                + " handled after an hour, " + path.waiting() + " waiting");
                    }
                    Thread.sleep(5);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double heapMb = heapAfterFullGc();
                figures.add(new double[] {checkpoint, heapMb, path.handled() / seconds});
                System.out.printf(Locale.ROOT, "  %s, %,9d messages: heap after full GC %7.1f MB, %,.0f msg/s so "
                        + "far%n", name, checkpoint, heapMb, path.handled() / seconds);
            }
            producer.join();
            ledger = path.verify(total);
        }
        double at10 = figures.get(1)[1];
        double atEnd = figures.get(figures.size() - 1)[1];
        String counts = String.format(Locale.ROOT, "%,d -> %,d messages", checkpoints[1], total);
        results.add(new Result("memory", "heap after full GC, " + name + ", " + counts, "MB", atEnd, at10,
                atEnd / at10, "flat: at most " + GROWTH_LIMIT_MB + " MB growth", atEnd - at10 <= GROWTH_LIMIT_MB,
                figures, String.format(Locale.ROOT, "Rebound is the figure at %,d, baseline the one at %,d messages, "
                        + "in the same JVM (whole heap: Weld, Rebound, Narayana, in-VM Artemis, what earlier paths "
                        + "left); %s; about %,d messages waiting; checked at the end: %s; rounds are [messages, MB, "
                        + "msg/s]", total, checkpoints[1], describe, WAITING, ledger)));
        for (double[] f : figures) {
            results.add(Result.info("memory", String.format(Locale.ROOT, "%s: heap after full GC at %,d messages",
                    name, (long) f[0]), "MB", f[1], String.format(Locale.ROOT, "%,.0f msg/s on average until then",
                    f[2])));
        }
    }

    private static double heapAfterFullGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    /**
     * Keeps up to about {@value #WAITING} messages fed and not handled until {@code limit} have been fed, so that
     * each checkpoint is measured on a drained path and its backlog is not counted.
     */
    private static final class Producer extends Thread {
        private final MemoryPath path;
        private final long total;
        private volatile long limit;
        private volatile Throwable failure;

        Producer(MemoryPath path, long total) {
            super("memory-producer");
            this.path = path;
            this.total = total;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                long fed = 0;
                while (fed < total) {
                    if (fed >= limit || fed - path.handled() > WAITING) {
                        Thread.sleep(2);
                        continue;
                    }
                    long batch = Math.min(1_000, limit - fed);
                    path.feed(fed, batch);
                    fed += batch;
                }
            } catch (Throwable e) {
                failure = e;
            }
        }
    }
}
