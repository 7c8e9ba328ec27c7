package dev.rebound.faults.broker;

import dev.rebound.testsupport.Artemis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.ClusterConnectionConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.postoffice.impl.LocalQueueBinding;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.cluster.impl.MessageLoadBalancingType;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * The broker of the fault suite, in its own JVM so that it can be killed (kill -9) and restarted on the same
 * journal: embedded Artemis with a TCP acceptor, the persistent journal of {@link Artemis#journalled}, Artemis'
 * default 10 delivery attempts and a dead-letter address {@value #DLQ} (so that a message the broker itself
 * dead-letters is visible), and the {@link RefuseSends} plugin. Every 200 ms it writes its queues' counts and its prepared XA transactions to a
 * properties file that the test reads.
 *
 * <p>System properties: {@code faults.broker.port}, {@code faults.broker.dir}, {@code faults.broker.refuse}
 * (the flag file), {@code faults.broker.refuse-addresses}, {@code faults.broker.stats}, {@code faults.broker.deliveries}
 * (the {@link DeliveryRecorder}'s file), {@code faults.broker.cluster} and {@code faults.broker.name} (a member of a
 * cluster, see {@link #cluster}).
 */
public final class FaultBroker {

    public static final String DLQ = "DLQ";
    public static final String EXPIRY = "ExpiryQueue";
    /** The cluster connection's name; its store-and-forward queues are {@code $.artemis.internal.sf.<name>.*}. */
    public static final String CLUSTER = "faults-cluster";

    private FaultBroker() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("faults.broker.dir"));
        int port = Integer.getInteger("faults.broker.port");
        ConfigurationImpl config = Artemis.journalled(dir);
        config.setNodeManagerLockDirectory(dir.resolve("lock").toString());
        config.setJMXManagementEnabled(false);
        config.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
        String peers = System.getProperty("faults.broker.cluster", "");
        boolean clustered = !peers.isBlank();
        if (clustered) {
            cluster(config, port, peers);
        }
        config.addQueueConfiguration(QueueConfiguration.of(DLQ).setRoutingType(RoutingType.ANYCAST));
        config.addQueueConfiguration(QueueConfiguration.of(EXPIRY).setRoutingType(RoutingType.ANYCAST));
        // max-delivery-attempts is left at Artemis' default (10)
        AddressSettings all = new AddressSettings()
                .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                .setDeadLetterAddress(SimpleString.of(DLQ))
                .setExpiryAddress(SimpleString.of(EXPIRY))
                .setAutoCreateQueues(true).setAutoCreateAddresses(true);
        if (clustered) {
            // a queue's messages move to another broker of the cluster as soon as it has no consumer here
            all.setRedistributionDelay(0);
        }
        config.addAddressSetting("#", all);
        Set<String> refused = Set.of(System.getProperty("faults.broker.refuse-addresses", "").split(","));
        ActiveMQServer server = Artemis.start(config, "tcp://127.0.0.1:" + port).server();
        server.registerBrokerPlugin(new RefuseSends(Path.of(System.getProperty("faults.broker.refuse")), refused));
        String deliveries = System.getProperty("faults.broker.deliveries");
        if (deliveries != null) {
            server.registerBrokerPlugin(new DeliveryRecorder(Path.of(deliveries)));
        }
        Path stats = Path.of(System.getProperty("faults.broker.stats"));
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        Path halt = dir.resolveSibling("halt-" + dir.getFileName());
        writer.scheduleWithFixedDelay(() -> {
            writeStats(server, stats);
            haltIfAsked(halt);
        }, 0, 200, TimeUnit.MILLISECONDS);
        System.out.println("FAULTS-BROKER-READY " + port);
        System.out.flush();
        Thread.currentThread().join();
    }

    /**
     * A member of a cluster of brokers on this machine ({@code faults.broker.cluster}: the other members' ports):
     * static connectors to each (no discovery, nothing multicast), {@code message-load-balancing} ON_DEMAND (a
     * message goes to another member only if that one has a consumer for it), one hop, reconnecting for ever every
     * 500 ms; {@code faults.broker.name} names it.
     */
    private static void cluster(ConfigurationImpl config, int port, String peers) throws Exception {
        config.setName(System.getProperty("faults.broker.name", "broker-" + port));
        config.setClusterUser("faults-cluster");
        config.setClusterPassword("faults-cluster");
        config.addConnectorConfiguration("self", "tcp://127.0.0.1:" + port);
        List<String> others = new ArrayList<>();
        for (String peer : peers.split(",")) {
            config.addConnectorConfiguration("peer-" + peer.trim(), "tcp://127.0.0.1:" + peer.trim());
            others.add("peer-" + peer.trim());
        }
        config.addClusterConfiguration(new ClusterConnectionConfiguration()
                .setName(CLUSTER)
                .setAddress("")
                .setConnectorName("self")
                .setStaticConnectors(others)
                .setMessageLoadBalancingType(MessageLoadBalancingType.ON_DEMAND)
                .setMaxHops(1)
                .setRetryInterval(500)
                .setReconnectAttempts(-1)
                .setInitialConnectAttempts(-1)
                .setDuplicateDetection(true));
    }

    /** The flag file {@code halt-broker} beside the journal: the broker removes it and halts (as kill -9). */
    private static void haltIfAsked(Path halt) {
        try {
            if (Files.deleteIfExists(halt)) {
                System.out.println("FAULTS-BROKER-HALT");
                System.out.flush();
                Runtime.getRuntime().halt(99);
            }
        } catch (java.io.IOException e) {
            System.out.println("FAULTS-BROKER halt flag: " + e);
        }
    }

    private static void writeStats(ActiveMQServer server, Path stats) {
        try {
            TreeMap<String, String> lines = new TreeMap<>();
            long[] forwarding = new long[1];
            server.getPostOffice().getAllBindings().filter(LocalQueueBinding.class::isInstance).forEach(b -> {
                Queue q = ((LocalQueueBinding) b).getQueue();
                String name = q.getName().toString();
                lines.put(name + ".messages", String.valueOf(q.getMessageCount()));
                lines.put(name + ".scheduled", String.valueOf(q.getScheduledCount()));
                lines.put(name + ".delivering", String.valueOf(q.getDeliveringCount()));
                lines.put(name + ".consumers", String.valueOf(q.getConsumerCount()));
                if (name.startsWith("$.artemis.internal.sf.")) {
                    forwarding[0] += q.getMessageCount();
                }
            });
            // messages waiting in the store-and-forward queues for another member of the cluster
            lines.put("sf.messages", String.valueOf(forwarding[0]));
            // the other members this one has a connected bridge to
            var cluster = server.getClusterManager() == null ? null
                    : server.getClusterManager().getClusterConnection(CLUSTER);
            lines.put("cluster.members", String.valueOf(cluster == null ? 0 : java.util.Arrays.stream(cluster.getBridges())
                    .filter(b -> b.isConnected()).count()));
            lines.put("xa.prepared", String.valueOf(server.getResourceManager().getPreparedTransactions().size()));
            StringBuilder text = new StringBuilder();
            lines.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            Path tmp = stats.resolveSibling(stats.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, stats, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (Exception e) {
            System.out.println("FAULTS-BROKER stats: " + e);
        }
    }
}
