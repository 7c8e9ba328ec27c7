package dev.rebound.faults.app;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.jms.XAJMSContext;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.transaction.xa.XAResource;
import org.apache.activemq.artemis.jms.client.ActiveMQXAConnectionFactory;

/**
 * Artemis' XA connection factory whose XA contexts made on a relay's thread (the relay's batches join its JTA
 * transaction as one XA branch, {@code QueueChannel.enqueueAll}) and whose transacted contexts (those of Rebound's sender outside a server: the
 * relay's sends go through one per batch, committed in the relay transaction's {@code beforeCompletion}, before
 * the rows' delete commits) are watched, for the outbox fault points: after each message sent
 * ({@link Point#RELAY_MID_BATCH}, {@link Point#RELAY_HOLDING}) and after the session's commit
 * ({@link Point#RELAY_AFTER_SEND}). Every committed batch is printed ({@code FAULTS-RELAYED key ...}), so that the
 * test knows which process put which message on the queue. The consumers' XA contexts are not watched.
 */
public final class WatchedConnectionFactory extends ActiveMQXAConnectionFactory {

    private final transient FaultPlan plan;
    private final transient String node;
    private final transient long holdMs;
    private final transient Path release;

    /**
     * @param holdMs how long {@link Point#RELAY_HOLDING} holds at most
     * @param release the file whose creation (by the test) ends the hold at once
     */
    WatchedConnectionFactory(String url, FaultPlan plan, String node, long holdMs, Path release) {
        super(url);
        this.plan = plan;
        this.node = node;
        this.holdMs = holdMs;
        this.release = release;
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        JMSContext context = super.createContext(sessionMode);
        return sessionMode == JMSContext.SESSION_TRANSACTED ? watched(context) : context;
    }

    @Override
    public XAJMSContext createXAContext() {
        XAJMSContext context = super.createXAContext();
        return Thread.currentThread().getName().startsWith("rebound-database-") ? watchedXa(context) : context;
    }

    /**
     * A relay's XA context: its sends are watched as a transacted context's are; its XA resource announces the
     * batch when the transaction manager commits the broker's branch (phase two: every branch is prepared) and
     * halts there, before the broker's commit, for {@link Point#RELAY_AFTER_SEND}.
     */
    private XAJMSContext watchedXa(XAJMSContext context) {
        List<String> sent = new ArrayList<>();
        XAResource resource = context.getXAResource();
        XAResource watchedResource = new WatchedResource(resource, sent);
        return (XAJMSContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {XAJMSContext.class},
                (proxy, method, args) -> {
                    if ("getXAResource".equals(method.getName())) {
                        return watchedResource;
                    }
                    Object result = call(context, method, args);
                    if ("createProducer".equals(method.getName())) {
                        return producer((JMSProducer) result, sent);
                    }
                    return result;
                });
    }

    /**
     * The broker's XA resource of a relay's batch (a class, not a proxy: the transaction manager writes a
     * {@code Serializable} resource into its log, and a proxy would claim to be one).
     */
    private final class WatchedResource implements XAResource {

        private final XAResource resource;
        private final List<String> sent;

        WatchedResource(XAResource resource, List<String> sent) {
            this.resource = resource;
            this.sent = sent;
        }

        @Override
        public void commit(javax.transaction.xa.Xid xid, boolean onePhase) throws javax.transaction.xa.XAException {
            List<String> batch = List.copyOf(sent);
            sent.clear();
            print("FAULTS-RELAYED " + node + " " + String.join(" ", batch));
            for (String key : batch) {
                plan.at(Point.RELAY_AFTER_SEND, key);
            }
            resource.commit(xid, onePhase);
        }

        @Override
        public void rollback(javax.transaction.xa.Xid xid) throws javax.transaction.xa.XAException {
            sent.clear();
            resource.rollback(xid);
        }

        @Override
        public void end(javax.transaction.xa.Xid xid, int flags) throws javax.transaction.xa.XAException {
            resource.end(xid, flags);
        }

        @Override
        public void forget(javax.transaction.xa.Xid xid) throws javax.transaction.xa.XAException {
            resource.forget(xid);
        }

        @Override
        public int getTransactionTimeout() throws javax.transaction.xa.XAException {
            return resource.getTransactionTimeout();
        }

        @Override
        public boolean isSameRM(XAResource other) throws javax.transaction.xa.XAException {
            return other == this || resource.isSameRM(other instanceof WatchedResource w ? w.resource : other);
        }

        @Override
        public int prepare(javax.transaction.xa.Xid xid) throws javax.transaction.xa.XAException {
            return resource.prepare(xid);
        }

        @Override
        public javax.transaction.xa.Xid[] recover(int flag) throws javax.transaction.xa.XAException {
            return resource.recover(flag);
        }

        @Override
        public boolean setTransactionTimeout(int seconds) throws javax.transaction.xa.XAException {
            return resource.setTransactionTimeout(seconds);
        }

        @Override
        public void start(javax.transaction.xa.Xid xid, int flags) throws javax.transaction.xa.XAException {
            resource.start(xid, flags);
        }
    }

    private JMSContext watched(JMSContext context) {
        List<String> sent = new ArrayList<>();
        return (JMSContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {JMSContext.class},
                (proxy, method, args) -> {
                    Object result = call(context, method, args);
                    switch (method.getName()) {
                        case "createProducer" -> {
                            return producer((JMSProducer) result, sent);
                        }
                        case "commit" -> {
                            List<String> batch = List.copyOf(sent);
                            sent.clear();
                            print("FAULTS-RELAYED " + node + " " + String.join(" ", batch));
                            for (String key : batch) {
                                plan.at(Point.RELAY_AFTER_SEND, key);
                            }
                        }
                        case "rollback" -> sent.clear();
                        default -> {
                        }
                    }
                    return result;
                });
    }

    private JMSProducer producer(JMSProducer producer, List<String> sent) {
        return (JMSProducer) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {JMSProducer.class},
                new InvocationHandler() {
                    @Override
                    public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
                        Object result = call(producer, method, args);
                        if ("send".equals(method.getName()) && args.length == 2 && args[1] instanceof Message m) {
                            String key = m instanceof TextMessage text ? Current.keyIn(text.getText()) : null;
                            sent.add(key);
                            if (plan.planned(Point.RELAY_HOLDING, key)) {
                                // the batch's rows stay locked (SKIP LOCKED) while this process holds them
                                print("FAULTS-HOLDING " + node + " " + String.join(" ", sent));
                                long until = System.currentTimeMillis() + holdMs;
                                while (!Files.exists(release) && System.currentTimeMillis() < until) {
                                    Thread.sleep(50);
                                }
                                plan.at(Point.RELAY_HOLDING, key);
                            }
                            plan.at(Point.RELAY_MID_BATCH, key);
                        }
                        return result == producer ? proxy : result;     // the fluent setters return the producer
                    }
                });
    }

    private static Object call(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    static void print(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
