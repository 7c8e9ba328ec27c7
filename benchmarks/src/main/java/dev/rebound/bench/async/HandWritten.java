package dev.rebound.bench.async;

import dev.rebound.bench.BenchBroker;
import dev.rebound.bench.Order;
import dev.rebound.bench.Work;
import dev.rebound.testing.Jta;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.transaction.TransactionManager;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline: the consumer a user writes without Rebound, doing what Rebound's consumer does today — a
 * transacted {@code JMSContext} per thread; per message: receive, a JTA transaction around reading the JSON and
 * the work, commit it, then commit the session. A failure rolls both back and leaves redelivery and the
 * dead-letter address to the broker ({@link BenchBroker}'s address settings).
 */
public final class HandWritten {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private final String queue;
    private final Work work;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    public HandWritten(String queue, Work work) {
        this.queue = queue;
        this.work = work;
    }

    public void start(int consumers) {
        for (int i = 0; i < consumers; i++) {
            Thread thread = new Thread(this::loop, "plain-" + queue + "-" + i);
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
