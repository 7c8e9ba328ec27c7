package dev.rebound.faults.harness;

import static org.awaitility.Awaitility.await;

import dev.rebound.faults.broker.FaultBroker;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** The broker JVM ({@link FaultBroker}) of one scenario: started, killed (kill -9), restarted on its journal. */
public final class BrokerProcess {

    /** The (first) broker's TCP port: 61716, or {@code -Dfaults.broker.port} (Narayana's status manager of the first
     * application takes the next one). */
    public static final int PORT = Integer.getInteger("faults.broker.port", 61716);

    /** A second broker's port (a cluster of two, {@link NodesRun#cluster}): {@code -Dfaults.broker-b.port}, or
     * {@link #PORT} + 2. */
    public static final int PORT_B = Integer.getInteger("faults.broker-b.port", PORT + 2);

    private final Path dir;
    private final Path flag;
    private final String refusedAddresses;
    private final String name;
    private final int port;
    private final String peers;
    private Child child;
    private int starts;

    BrokerProcess(Path dir, String refusedAddresses) {
        this(dir, refusedAddresses, "broker", PORT, "");
    }

    /**
     * A broker named {@code name} (its journal in {@code dir/<name>}, its files and logs named after it) on
     * {@code port}; {@code peers}: the ports of the other members of its cluster, comma-separated, or empty.
     */
    BrokerProcess(Path dir, String refusedAddresses, String name, int port, String peers) {
        this.dir = dir;
        this.flag = dir.resolve("refuse-sends");
        this.refusedAddresses = refusedAddresses;
        this.name = name;
        this.port = port;
        this.peers = peers;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public void start() {
        starts++;
        Map<String, String> properties = new java.util.HashMap<>(Map.of(
                "faults.broker.port", String.valueOf(port),
                "faults.broker.dir", dir.resolve(name).toString(),
                "faults.broker.refuse", flag.toString(),
                "faults.broker.refuse-addresses", refusedAddresses,
                "faults.broker.stats", stats().toString(),
                "faults.broker.deliveries", deliveries().toString(),
                "org.slf4j.simpleLogger.defaultLogLevel", "warn",
                "org.slf4j.simpleLogger.log.org.apache.activemq.audit", "off"));
        if (!peers.isBlank()) {
            properties.put("faults.broker.cluster", peers);
            properties.put("faults.broker.name", name);
        }
        child = Child.start(FaultBroker.class.getName(), properties, List.of(),
                dir.resolve(name + "-" + starts + ".log"));
        await("the broker (" + child.log() + ")").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!child.alive()) {
                        throw new IllegalStateException("the broker died, see " + child.log());
                    }
                    return child.output().contains("FAULTS-BROKER-READY");
                });
    }

    /** kill -9 of the broker JVM. */
    public void kill() {
        child.kill();
        try {
            Files.deleteIfExists(stats());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the broker ended by itself (its halt flag). */
    public void awaitDeath(Duration atMost) {
        await("the broker halted (" + child.log() + ")").atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(() -> !child.alive());
        try {
            Files.deleteIfExists(stats());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean alive() {
        return child != null && child.alive();
    }

    public void refuseSends(boolean refuse) {
        try {
            if (refuse) {
                Files.writeString(flag, "refuse");
            } else {
                Files.deleteIfExists(flag);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line per delivery of a message to a consumer: see {@link FaultBroker}'s delivery recorder. */
    public Path deliveries() {
        return dir.resolve("broker".equals(name) ? "deliveries.log" : "deliveries-" + name + ".log");
    }

    private Path stats() {
        return dir.resolve(name + "-stats.properties");
    }

    /** The broker's last written figures: {@code <queue>.messages}, {@code .scheduled}, {@code .consumers}, {@code xa.prepared}. */
    public long stat(String name) {
        try {
            Properties p = new Properties();
            if (Files.exists(stats())) {
                p.load(new StringReader(Files.readString(stats())));
            }
            return Long.parseLong(p.getProperty(name, "0"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bodies of the messages a browser sees on a queue now (not scheduled or in-delivery ones). */
    public List<String> browse(String queue) {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(
                "tcp://127.0.0.1:" + port + "?useTopologyForLoadBalancing=false");
             JMSContext context = factory.createContext();
             QueueBrowser browser = context.createBrowser(context.createQueue(queue))) {
            List<String> bodies = new ArrayList<>();
            for (Object m : Collections.list(browser.getEnumeration())) {
                bodies.add(m instanceof TextMessage text ? text.getText() : String.valueOf((Message) m));
            }
            return bodies;
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A client of this broker (not a node) receives one message of {@code queue} in a transacted session and rolls
     * it back, {@code times} times, then closes: the message is back on the queue with its delivery count raised,
     * as after failed deliveries. Returns the job's key and the last {@code JMSXDeliveryCount} it saw, or
     * {@code null} when no message came within 10 s.
     */
    public String[] receiveAndRollBack(String queue, int times) {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(
                "tcp://127.0.0.1:" + port + "?useTopologyForLoadBalancing=false&consumerWindowSize=0");
             JMSContext context = factory.createContext(JMSContext.SESSION_TRANSACTED);
             jakarta.jms.JMSConsumer consumer = context.createConsumer(context.createQueue(queue))) {
            String[] seen = null;
            for (int i = 0; i < times; i++) {
                Message m = consumer.receive(10_000);
                if (m == null) {
                    break;
                }
                seen = new String[] {Ledger.keyIn(m instanceof TextMessage text ? text.getText() : null),
                        String.valueOf(m.getIntProperty("JMSXDeliveryCount"))};
                context.rollback();
            }
            return seen;
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    void stop() {
        if (child != null && child.alive()) {
            child.kill();
        }
    }
}
