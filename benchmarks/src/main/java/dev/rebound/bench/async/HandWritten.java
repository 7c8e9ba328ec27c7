package dev.rebound.bench.async;

import dev.rebound.bench.BenchBroker;
import dev.rebound.bench.Order;
import dev.rebound.bench.Work;
import dev.rebound.testsupport.Jta;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.transaction.TransactionManager;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline: the consumer a user writes without Rebound, in the same transaction mode as Rebound's consumer.
 * {@code local}: a transacted {@code JMSContext} per thread; per message: receive, a JTA transaction around
 * reading the JSON and the work, commit it, then commit the session. {@code xa}: an {@code XAJMSContext} per
 * thread, enlisted in a new JTA transaction per message, which covers receive, work and acknowledgement. A
 * failure rolls back and leaves redelivery and the dead-letter address to the broker ({@link BenchBroker}'s
 * address settings).
 */
public final class HandWritten {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private final String queue;
    private final Work work;
    private final boolean xa;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    public HandWritten(String queue, Work work, boolean xa) {
        this.queue = queue;
        this.work = work;
        this.xa = xa;
    }

    public void start(int consumers) {
        for (int i = 0; i < consumers; i++) {
            Thread thread = new Thread(xa ? this::xaLoop : this::loop, "plain-" + queue + "-" + i);
            threads.add(thread);
            thread.start();
        }
    }

    public void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private void loop() {
        TransactionManager tm = Jta.transactionManager();
        try (JMSContext context = BenchBroker.connectionFactory().createContext(JMSContext.SESSION_TRANSACTED);
             JMSConsumer consumer = context.createConsumer(context.createQueue(queue))) {
            while (running) {
                Message message = consumer.receive(100);
                if (message != null) {
                    handle(tm, context, message);
                }
            }
        }
    }

    private void xaLoop() {
        TransactionManager tm = Jta.transactionManager();
        XAConnectionFactory factory = (XAConnectionFactory) BenchBroker.connectionFactory();
        try (XAJMSContext context = factory.createXAContext();
             JMSConsumer consumer = context.createConsumer(context.createQueue(queue))) {
            while (running) {
                tm.begin();
                tm.getTransaction().enlistResource(context.getXAResource());
                Message message = consumer.receive(100);
                if (message == null) {
                    tm.rollback();
                    continue;
                }
                try {
                    work.apply(JSONB.fromJson(((TextMessage) message).getText(), Order.class));
                } catch (RuntimeException failure) {
                    tm.rollback();
                    continue;
                }
                tm.commit();
            }
        } catch (Exception e) {
            throw new IllegalStateException("hand-written XA consumer broke", e);
        }
    }

    private void handle(TransactionManager tm, JMSContext context, Message message) {
        try {
            tm.begin();
            try {
                work.apply(JSONB.fromJson(((TextMessage) message).getText(), Order.class));
            } catch (RuntimeException failure) {
                tm.rollback();
                context.rollback();
                return;
            }
            tm.commit();
            context.commit();
        } catch (Exception e) {
            throw new IllegalStateException("hand-written consumer broke", e);
        }
    }
}
