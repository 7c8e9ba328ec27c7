package dev.rebound.bench.memory;

import dev.rebound.bench.BenchBroker;
import dev.rebound.bench.Work;
import dev.rebound.bench.async.AsyncOrders;
import dev.rebound.bench.async.Feeder;
import dev.rebound.bench.async.ReboundApp;
import java.util.Map;

/** Rebound's {@code @Asynchronous} handler with 4 consumers (JMS, {@code auto} transactions): the happy path. */
final class AsyncPath implements MemoryPath {

    private final Work work = Work.happy();
    private final ReboundApp app;

    AsyncPath() {
        BenchBroker.purge(AsyncOrders.CHANNEL);
        app = new ReboundApp(4, Map.of());
    }

    @Override
    public String name() {
        return "asynchronous handler";
    }

    @Override
    public String describe() {
        return "Rebound's @Asynchronous handler, 4 consumers, 1 KB persistent messages";
    }

    @Override
    public void start() {
        app.start(work);
    }

    @Override
    public void feed(long from, long count) {
        Feeder.feed(AsyncOrders.CHANNEL, from, count);
    }

    @Override
    public long handled() {
        return work.handled();
    }

    @Override
    public long waiting() {
        return BenchBroker.depth(AsyncOrders.CHANNEL);
    }

    @Override
    public String verify(long total) {
        if (work.handled() != total || BenchBroker.depth(AsyncOrders.CHANNEL) != 0) {
            throw new IllegalStateException("handled " + work.handled() + " of " + total + ", "
                    + BenchBroker.depth(AsyncOrders.CHANNEL) + " left on the queue");
        }
        return String.format(java.util.Locale.ROOT, "handled %,d, queue empty", total);
    }

    @Override
    public void close() {
        app.stop();
        app.close();
    }
}
