package dev.rebound.faults.app;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQXAConnectionFactory;

/**
 * Artemis' XA connection factory whose transacted contexts (those of Rebound's sender outside a server: the
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
