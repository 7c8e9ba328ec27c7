package dev.rebound.jms;

import dev.rebound.Failure;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.Topic;
import java.time.Instant;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The decisions of the {@link PendingOutcomes} of several nodes on one broker, shared over a topic
 * ({@code rebound.jms.decisions-topic}, default {@value #DEFAULT_TOPIC}; {@code none}: not shared), in the modes
 * where the handler joins the consumer's transaction ({@code xa}, {@code jta}).
 *
 * <p>When the handler runs in the consumer's JTA transaction, its failure rolls the message back to the queue
 * and the decision about it (a delayed retry, the dead letter) waits in memory for the redelivery. With one node
 * the redelivery comes back to it; with several, the broker gives it to any consumer, often another node's, which
 * knew nothing of the failure and ran the handler again for the same attempt (7 handler calls instead of 4 per
 * message that always fails with 3 nodes, and the delivery count of one attempt close to
 * {@code rebound.jms.max-deliveries}). So a node that routes a failure tells the others: first that it is
 * routing the message (right after the rollback), then its decision, and once a decision was carried out that the
 * message is settled. A node that gets a redelivery ({@code JMSXDeliveryCount} above 1) it has no decision for
 * waits briefly for one; having one, it carries it out with the acknowledgement exactly as the deciding node
 * would, and the handler does not run again. Only the broker's acknowledgement settles a message, so a decision
 * that two nodes hold is carried out once; a notice that is lost (a node down, the topic unavailable) only means
 * the handler runs once more, as before.
 *
 * <p>Used only where the decisions cannot be kept in the table {@code rebound_decision} ({@link DecisionTable},
 * {@code rebound.jms.decisions-table}), which keeps them exactly.
 *
 * <p>The notices are small non-persistent messages with a time to live, published outside any transaction;
 * nothing of this runs on a message's happy path. A failure to publish or subscribe is logged once
 * ({@code REBOUND-3107}) and never fails a message.
 */
final class SharedDecisions implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SharedDecisions.class.getName());

    static final String DEFAULT_TOPIC = "rebound.decisions";
    /** Notices older than this are of no use: the redelivery they are for came long ago. */
    static final long TIME_TO_LIVE_MS = 60_000;
    /**
     * How long a node that got a redelivery it knows nothing of waits for another node to announce it: the
     * announcement leaves right after the rollback that makes the redelivery, and a node that died announces nothing.
     */
    static final long GRACE_MS = 250;

    static final String OP = "op";
    static final String ROUTING = "routing";
    static final String DECIDED = "decided";
    static final String SETTLED = "settled";
    private static final String KEY = "key";
    private static final String FROM = "from";
    private static final String META = "m.";
    private static final long RECEIVE_MS = 500;
    private static final long PAUSE_MS = 1000;

    private final Supplier<ConnectionFactory> factory;
    private final String topicName;
    private final PendingOutcomes pending;
    private final String self = UUID.randomUUID().toString();
    private JMSContext publisher;
    private JMSProducer producer;
    private Topic topic;
    private JMSContext subscriber;
    private Thread listener;
    private volatile boolean warned;
    private volatile boolean closed;

    SharedDecisions(Supplier<ConnectionFactory> factory, String topicName, PendingOutcomes pending) {
        this.factory = factory;
        this.topicName = topicName;
        this.pending = pending;
    }

    /**
     * Listens to the other nodes' notices on a thread of its own (a receive loop, not a message listener, which a
     * server may not allow), reconnecting after a failure; a failure is logged once, and meanwhile the node works
     * alone.
     */
    synchronized void start(ThreadFactory threads) {
        if (listener != null) {
            return;
        }
        closed = false;
        listener = threads.newThread(this::listen);
        listener.setName("rebound-decisions");
        listener.setDaemon(true);
        listener.start();
    }

    private void listen() {
        while (!closed) {
            try (JMSContext context = factory.get().createContext(JMSContext.AUTO_ACKNOWLEDGE);
                 JMSConsumer consumer = context.createConsumer(context.createTopic(topicName))) {
                synchronized (this) {
                    subscriber = context;
                }
                warned = false;               // an outage after this one is logged again
                while (!closed) {
                    Message message = consumer.receive(RECEIVE_MS);
                    if (message != null) {
                        heard(message);
                    }
                }
            } catch (RuntimeException e) {
                if (!closed) {
                    warn("subscribe to", e);
                    sleep(PAUSE_MS);
                }
            } finally {
                synchronized (this) {
                    subscriber = null;
                }
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The message is being routed here: a node that gets it meanwhile waits for the decision. */
    void routing(String key) {
        publish(key, ROUTING, null);
    }

    /** The decision for the message, for whichever node gets its redelivery. */
    void decided(String key, Decision decision) {
        publish(key, DECIDED, decision);
    }

    /** A decision for the message was carried out: the others forget theirs. */
    void settled(String key) {
        publish(key, SETTLED, null);
    }

    private synchronized void publish(String key, String op, Decision decision) {
        if (closed) {
            return;
        }
        try {
            if (publisher == null) {
                publisher = factory.get().createContext(JMSContext.AUTO_ACKNOWLEDGE);
                topic = publisher.createTopic(topicName);
                producer = publisher.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                        .setTimeToLive(TIME_TO_LIVE_MS);
            }
            MapMessage notice = publisher.createMapMessage();
            notice.setString(OP, op);
            notice.setString(KEY, key);
            notice.setString(FROM, self);
            if (decision != null) {
                write(notice, decision);
            }
            producer.send(topic, notice);
        } catch (JMSException | RuntimeException e) {
            warn("publish to", e);
            closePublisher();
        }
    }

    /** A notice of another node. */
    private void heard(Message message) {
        try {
            if (!(message instanceof MapMessage notice) || self.equals(notice.getString(FROM))) {
                return;
            }
            String key = notice.getString(KEY);
            String op = notice.getString(OP);
            if (key == null || op == null) {
                return;
            }
            switch (op) {
                case ROUTING -> pending.routingElsewhere(key);
                case DECIDED -> pending.decidedElsewhere(key, read(notice));
                case SETTLED -> pending.forget(key);
                default -> {
                    // a later version's notice: ignored
                }
            }
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.FINE, "A decision notice of another node could not be read", e);
        }
    }

    static void write(MapMessage m, Decision d) throws JMSException {
        m.setString("kind", d.kind().name());
        if (d.channel() != null) {
            m.setString("channel", d.channel());
        }
        m.setLong("delayMs", d.delayMs());
        m.setInt("turn", d.turn());
        m.setBoolean("storeFailed", d.storeFailed());
        FailureText f = d.failure();
        if (f != null) {
            Failure c = f.cause();
            m.setString("f.class", c.exceptionClass());
            setIfPresent(m, "f.message", c.exceptionMessage());
            setIfPresent(m, "f.rootClass", c.rootCauseClass());
            setIfPresent(m, "f.rootMessage", c.rootCauseMessage());
            setIfPresent(m, "f.stackTrace", c.stackTrace());
            setIfPresent(m, "f.site", c.site());
            setIfPresent(m, "f.handler", f.handler());
            setIfPresent(m, "f.origin", f.origin());
            m.setInt("f.attempts", f.attempts());
            m.setString("f.failedAt", f.failedAt().toString());
        }
        if (d.metadata() != null) {
            m.setBoolean("hasMetadata", true);
            for (Map.Entry<String, String> e : d.metadata().entrySet()) {
                m.setString(META + e.getKey(), e.getValue());
            }
        }
    }

    static Decision read(MapMessage m) throws JMSException {
        FailureText failure = null;
        String failureClass = m.getString("f.class");
        if (failureClass != null) {
            failure = new FailureText(new Failure(failureClass, m.getString("f.message"), m.getString("f.rootClass"),
                    m.getString("f.rootMessage"), m.getString("f.stackTrace"), m.getString("f.site")),
                    m.getString("f.handler"), m.getString("f.origin"), m.getInt("f.attempts"),
                    Instant.parse(m.getString("f.failedAt")));
        }
        Map<String, String> metadata = null;
        if (m.itemExists("hasMetadata")) {
            metadata = new LinkedHashMap<>();
            for (Enumeration<?> names = m.getMapNames(); names.hasMoreElements(); ) {
                String name = String.valueOf(names.nextElement());
                if (name.startsWith(META)) {
                    metadata.put(name.substring(META.length()), m.getString(name));
                }
            }
            metadata = Collections.unmodifiableMap(metadata);
        }
        return new Decision(Decision.Kind.valueOf(m.getString("kind")), m.getString("channel"), m.getLong("delayMs"),
                failure, m.getInt("turn"), m.getBoolean("storeFailed"), null, metadata);
    }

    private static void setIfPresent(MapMessage m, String name, String value) throws JMSException {
        if (value != null) {
            m.setString(name, value);
        }
    }

    private void warn(String what, Exception e) {
        if (!warned) {
            warned = true;
            LOG.log(Level.WARNING, JmsDiagnostics.decisionsNotShared(what, topicName, e), e);
        }
    }

    private void closePublisher() {
        if (publisher != null) {
            try {
                publisher.close();
            } catch (RuntimeException ignored) {
                // going away
            }
            publisher = null;
        }
    }

    @Override
    public void close() {
        Thread thread;
        synchronized (this) {
            closed = true;
            closePublisher();
            thread = listener;
            listener = null;
        }
        if (thread != null) {
            try {
                thread.join(RECEIVE_MS * 4);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
