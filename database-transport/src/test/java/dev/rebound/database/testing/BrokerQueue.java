package dev.rebound.database.testing;

import dev.rebound.spi.Envelope;
import dev.rebound.spi.QueueChannel;
import dev.rebound.testsupport.Artemis;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A queue of one embedded Artemis broker as a relay's target, without the JMS transport: each send is a persistent
 * message whose body is the Rebound message id, sent at once (not in the relay's transaction: at-least-once), on a
 * context per thread. {@link #ids()} takes every message off the queue.
 */
public final class BrokerQueue implements QueueChannel {

    private static Artemis broker;
    private final String name;
    private final Map<Thread, JMSContext> contexts = new ConcurrentHashMap<>();

    public BrokerQueue(String name) {
        this.name = name;
        broker();
    }

    public static synchronized Artemis broker() {
        if (broker == null) {
            broker = Artemis.inVm(Artemis.journalled(Path.of("target", "artemis")));
        }
        return broker;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void enqueue(Envelope envelope, long delayMs) {
        JMSContext context = contexts.computeIfAbsent(Thread.currentThread(),
                t -> broker().connectionFactory().createContext(JMSContext.AUTO_ACKNOWLEDGE));
        try {
            context.createProducer().send(context.createQueue(name),
                    envelope.message().headers().messageId().toString());
        } catch (JMSRuntimeException down) {
            contexts.remove(Thread.currentThread());
            context.close();
            throw down;
        }
    }

    /** Receives every message waiting on the queue: each Rebound message id with how often it came. */
    public Map<String, Integer> ids() throws Exception {
        Map<String, Integer> seen = new HashMap<>();
        try (JMSContext context = broker().connectionFactory().createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            Queue queue = context.createQueue(name);
            var consumer = context.createConsumer(queue);
            Message m;
            while ((m = consumer.receive(500)) != null) {
                seen.merge(m.getBody(String.class), 1, Integer::sum);
            }
        }
        return seen;
    }

    /** Receives every message waiting on the queue: the Rebound message ids in the order the broker gives them. */
    public List<String> received() throws Exception {
        List<String> seen = new ArrayList<>();
        try (JMSContext context = broker().connectionFactory().createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            var consumer = context.createConsumer(context.createQueue(name));
            Message m;
            while ((m = consumer.receive(500)) != null) {
                seen.add(m.getBody(String.class));
            }
        }
        return seen;
    }

    public long depth() {
        return broker().depth(name);
    }

    public void close() {
        contexts.values().forEach(JMSContext::close);
        contexts.clear();
    }
}
