package dev.rebound.bench.dedup;

import dev.rebound.Consumers;
import dev.rebound.bench.BenchBroker;
import dev.rebound.bench.Work;
import dev.rebound.bench.async.Feeder;
import dev.rebound.bench.memory.MemoryPath;
import java.util.Locale;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * The deduplication path of the memory suite: the suite's {@code @Deduplicated} handler ({@link DedupOrders}: a
 * business row and a claimed key in {@code rebound_dedup} per message, {@code rebound.jms.transactions=local}) with
 * 4 consumers; each message a new message id, so that every key stays (the cleanup's retention is a week).
 */
public final class DedupMemoryPath implements MemoryPath {

    private static final int CONSUMERS = 4;

    private final WeldContainer container;
    private final Consumers consumers;
    private final Work work = Work.happy();

    public DedupMemoryPath() {
        BenchBroker.purge(DedupOrders.CHANNEL);
        container = DedupSuite.app("local", "PT1M", CONSUMERS);
        consumers = container.select(Consumers.class).get();
        container.select(DedupOrders.class).get().use(work, Gaps.none());
    }

    @Override
    public String name() {
        return "@Deduplicated handler";
    }

    @Override
    public String describe() {
        return "Rebound's @Deduplicated @Asynchronous handler, " + CONSUMERS + " consumers, "
                + "rebound.jms.transactions=local, one business row and one key (PostgreSQL) per message";
    }

    @Override
    public void start() {
        consumers.resume(DedupOrders.CHANNEL);
    }

    @Override
    public void feed(long from, long count) {
        Feeder.feed(DedupOrders.CHANNEL, from, count, DedupOrders.HANDLER);
    }

    @Override
    public long handled() {
        return work.handled();
    }

    @Override
    public long waiting() {
        return BenchBroker.depth(DedupOrders.CHANNEL);
    }

    @Override
    public String verify(long total) {
        long keys = DedupSuite.longValue("SELECT count(*) FROM rebound_dedup");
        long rows = DedupSuite.longValue("SELECT count(*) FROM " + Shop.TABLE);
        if (work.handled() != total || keys != total || rows != total || waiting() != 0) {
            throw new IllegalStateException("handled " + work.handled() + " of " + total + ", " + keys + " keys, "
                    + rows + " business rows, " + waiting() + " messages left");
        }
        return String.format(Locale.ROOT, "handled %,d, %,d keys, %,d business rows, queue empty", total, keys,
                rows);
    }

    @Override
    public void close() {
        consumers.pauseAll();
        container.close();
        DedupSuite.execute("TRUNCATE " + Shop.TABLE + ", rebound_dedup");
    }
}
