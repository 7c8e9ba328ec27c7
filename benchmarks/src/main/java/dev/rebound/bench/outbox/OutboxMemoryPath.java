package dev.rebound.bench.outbox;

import dev.rebound.bench.BenchBroker;
import dev.rebound.bench.memory.MemoryPath;
import dev.rebound.deadletter.ReboundSchema;
import dev.rebound.jms.JmsTransportFactory;
import dev.rebound.spi.QueueChannel;
import dev.rebound.spi.Transport;
import dev.rebound.testsupport.Jta;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox path of the memory suite: business transactions of 100 messages each through the database channel
 * (one row a message, one local commit a transaction), its relay (relay-batch 1000) sending them to Artemis in XA
 * with the delete of their rows, a JMS listener at the end counting them.
 */
public final class OutboxMemoryPath implements MemoryPath {

    private static final int PER_TRANSACTION = 100;

    private final Transport jms;
    private final Transport node;
    private final QueueChannel outbox;
    private final JMSContext receiving;
    private final AtomicLong received = new AtomicLong();

    public OutboxMemoryPath() {
        try {
            try (Connection c = Jta.dataSource().getConnection()) {
                ReboundSchema.create(c);
            }
            OutboxSuite.execute("DELETE FROM rebound_message");
            BenchBroker.purge(OutboxSuite.TARGET);
            jms = new JmsTransportFactory().create(new OutboxContext("rebound.jms.",
                    Map.of("rebound.jms.transactions", "xa"), Map.of()));
            QueueChannel target = jms.channel(OutboxSuite.TARGET);
            node = OutboxSuite.databaseTransport(System.getProperty("bench.database-transport",
                    "../database-transport/target/classes")).create(new OutboxContext("rebound.database.",
                    OutboxSuite.relayConfig("batch", 1000), Map.of(OutboxSuite.TARGET, target)));
            outbox = node.channel(OutboxSuite.OUTBOX);
            receiving = BenchBroker.connectionFactory().createContext(JMSContext.AUTO_ACKNOWLEDGE);
        } catch (Exception e) {
            throw new IllegalStateException("the outbox path did not start", e);
        }
    }

    @Override
    public String name() {
        return "outbox";
    }

    @Override
    public String describe() {
        return "business transactions of " + PER_TRANSACTION + " messages each through a database channel "
                + "(PostgreSQL), its relay (relay-batch 1000) to Artemis in XA, a JMS listener counting them";
    }

    @Override
    public void start() {
        JMSConsumer consumer = receiving.createConsumer(receiving.createQueue(OutboxSuite.TARGET));
        consumer.setMessageListener(m -> received.incrementAndGet());
        node.start(OutboxContext.relayOnly(1));
    }

    @Override
    public void feed(long from, long count) throws Exception {
        TransactionManager tm = Jta.transactionManager();
        for (long i = from; i < from + count; i += PER_TRANSACTION) {
            tm.begin();
            try {
                for (long seq = i; seq < Math.min(from + count, i + PER_TRANSACTION); seq++) {
                    outbox.enqueue(OutboxSuite.envelope(seq), 0);
                }
            } catch (RuntimeException e) {
                tm.rollback();
                throw e;
            }
            tm.commit();
        }
    }

    @Override
    public long handled() {
        return received.get();
    }

    @Override
    public long waiting() throws Exception {
        return rows() + BenchBroker.depth(OutboxSuite.TARGET);
    }

    @Override
    public String verify(long total) throws Exception {
        long rows = rows();
        if (received.get() != total || rows != 0 || BenchBroker.depth(OutboxSuite.TARGET) != 0) {
            throw new IllegalStateException("received " + received.get() + " of " + total + ", " + rows
                    + " rows and " + BenchBroker.depth(OutboxSuite.TARGET) + " messages left");
        }
        return String.format(Locale.ROOT, "received %,d, no row left, queue empty", total);
    }

    /** The outbox channel's rows (the channel name is the suite's constant). */
    private static long rows() throws Exception {
        return OutboxSuite.count("SELECT count(*) FROM rebound_message WHERE channel = '" + OutboxSuite.OUTBOX + "'");
    }

    @Override
    public void close() throws Exception {
        node.stop();
        receiving.close();
        jms.stop();
        OutboxSuite.execute("DELETE FROM rebound_message");
        try (Connection c = Jta.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("VACUUM rebound_message");
        }
        BenchBroker.purge(OutboxSuite.TARGET);
    }
}
