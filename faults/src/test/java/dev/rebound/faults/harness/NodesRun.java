package dev.rebound.faults.harness;

import static org.awaitility.Awaitility.await;

import dev.rebound.faults.app.FaultApp;
import dev.rebound.faults.app.LaterHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Several application nodes on one broker: a broker JVM (Artemis over TCP), {@code n} application JVMs
 * ({@code faults.nodes=true}) consuming the same queues ({@value FaultRun#WORK} and {@value LaterHandler#CHANNEL}),
 * each with its own Narayana node identifier and object store, all on the run's PostgreSQL (XA). Node 0 is
 * {@link FaultApp#NODE}, node i is {@code faults-n<i+1>}. Every handler call is a row in {@code handler_call}, every
 * delivery a line of the broker's {@link BrokerProcess#deliveries()}. {@link #settle()} starts the nodes that are
 * down (their recovery resolves what they left in doubt), drains and returns the ledger. Closing kills everything.
 * {@link #cluster} runs two brokers in a cluster instead, each node on one of them; {@link #start(String, int, long,
 * Map)} gives some nodes more properties (another database port: a node behind a proxy).
 */
public final class NodesRun implements AutoCloseable {

    /** The queues of the nodes' channels. */
    public static final List<String> QUEUES = List.of(FaultRun.WORK, LaterHandler.CHANNEL);
    /** The most nodes of the default build; {@code -Dfaults.nodes.max=5} (or {@code -Pfaults-long}) adds 5. */
    public static final int MAX_NODES = Integer.getInteger("faults.nodes.max", 3);

    /** The nodes' broker URL in a cluster: each stays on the broker it was given (no load balancing of its
     * connections over the cluster's topology); Rebound's consumers reconnect to it as on one broker. */
    static final String PINNED = "&useTopologyForLoadBalancing=false";

    private final String name;
    private final List<BrokerProcess> brokers = new ArrayList<>();
    private final List<AppProcess> nodes = new ArrayList<>();
    private final List<String> keys = Collections.synchronizedList(new ArrayList<>());
    private int kills;

    private NodesRun(String name, Path dir, int count, Map<Integer, String> plans, long workMs) {
        this(name, dir, count, plans, workMs, Map.of());
    }

    /** {@code extras}: node → more system properties of that node (its database port, ...). */
    private NodesRun(String name, Path dir, int count, Map<Integer, String> plans, long workMs,
                     Map<Integer, Map<String, String>> extras) {
        this.name = name;
        this.brokers.add(new BrokerProcess(dir, ""));
        for (int i = 0; i < count; i++) {
            Map<String, String> properties = new java.util.HashMap<>(Map.of("faults.nodes", "true"));
            properties.putAll(extras.getOrDefault(i, Map.of()));
            nodes.add(new AppProcess(dir, plans.getOrDefault(i, ""), workMs, nodeName(i), properties));
        }
    }

    /**
     * Two brokers in a cluster (A on {@link BrokerProcess#PORT}, B on {@link BrokerProcess#PORT_B}: static
     * connectors, ON_DEMAND, redistribution delay 0) and {@code count} nodes, node i on broker
     * {@code onBroker[i]} (0: A, 1: B), pinned to it.
     */
    private NodesRun(String name, Path dir, int[] onBroker, long workMs) {
        this.name = name;
        brokers.add(new BrokerProcess(dir, "", "broker", BrokerProcess.PORT, String.valueOf(BrokerProcess.PORT_B)));
        brokers.add(new BrokerProcess(dir, "", "broker-b", BrokerProcess.PORT_B, String.valueOf(BrokerProcess.PORT)));
        for (int i = 0; i < onBroker.length; i++) {
            nodes.add(new AppProcess(dir, "", workMs, nodeName(i), Map.of("faults.nodes", "true",
                    "faults.broker.port", String.valueOf(brokers.get(onBroker[i]).port()),
                    "faults.broker.options", PINNED)));
        }
    }

    /** Node i's name (Narayana's node identifier). */
    public static String nodeName(int i) {
        return i == 0 ? FaultApp.NODE : "faults-n" + (i + 1);
    }

    /** Starts PostgreSQL (once per build), a fresh broker and {@code count} nodes; {@code plans}: node → fault plan. */
    public static NodesRun start(String name, int count, Map<Integer, String> plans, long workMs) {
        return started(new NodesRun(name, prepare(name), count, plans, workMs, Map.of()));
    }

    /** {@link #start}, with more system properties for some nodes ({@code extras}: node → properties). */
    public static NodesRun start(String name, int count, long workMs, Map<Integer, Map<String, String>> extras) {
        return started(new NodesRun(name, prepare(name), count, Map.of(), workMs, extras));
    }

    /**
     * Two brokers in a cluster and {@code onBroker.length} nodes, node i connected to broker {@code onBroker[i]}
     * (0: A, 1: B); both brokers start side by side, then the nodes.
     */
    public static NodesRun cluster(String name, int[] onBroker, long workMs) {
        return started(new NodesRun(name, prepare(name), onBroker, workMs));
    }

    private static Path prepare(String name) {
        Path dir = Path.of("target", "faults", name).toAbsolutePath();
        try {
            Database.deleteTree(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("FAULTS " + name + ": logs in " + dir + " and " + Database.log());
        Database.ensureStarted();
        Database.clean();
        return dir;
    }

    private static NodesRun started(NodesRun run) {
        try {
            run.run(run.brokers.stream().map(b -> (Runnable) b::start).toList());
            run.startAll(run.nodes);
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
        return run;
    }

    private void run(List<Runnable> tasks) {
        try {
            CompletableFuture.allOf(tasks.stream().map(CompletableFuture::runAsync)
                    .toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Starts the given nodes side by side (each start takes seconds on a busy machine). */
    private void startAll(List<AppProcess> which) {
        run(which.stream().map(n -> (Runnable) n::start).toList());
    }

    /** The (first) broker. */
    public BrokerProcess broker() {
        return brokers.get(0);
    }

    /** Broker {@code i} of a cluster (0: A, 1: B). */
    public BrokerProcess broker(int i) {
        return brokers.get(i);
    }

    public AppProcess node(int i) {
        return nodes.get(i);
    }

    public int size() {
        return nodes.size();
    }

    /** The first node that runs: where commands go. */
    private AppProcess sender() {
        return nodes.stream().filter(AppProcess::alive).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node runs"));
    }

    /** Sends jobs ({@code key:failures}, see {@link FaultRun#jobs}) through a running node's CommandBus. */
    public void send(List<String> jobs) {
        sender().send(jobs);
        jobs.forEach(j -> keys.add(j.substring(0, j.lastIndexOf(':'))));
    }

    /** Sends jobs through node {@code on}'s CommandBus (to the broker that node is connected to). */
    public void send(int on, List<String> jobs) {
        nodes.get(on).send(jobs);
        jobs.forEach(j -> keys.add(j.substring(0, j.lastIndexOf(':'))));
    }

    /** Sends {@link dev.rebound.faults.app.LaterJob}s (first attempt fails, the delayed retry succeeds) from node {@code on}. */
    public void later(int on, List<String> laterKeys) {
        nodes.get(on).command("later " + String.join(" ", laterKeys), Duration.ofSeconds(60));
        keys.addAll(laterKeys);
    }

    /** Pauses or resumes every channel's consumers of node {@code i}. */
    public void consumers(int i, boolean running) {
        nodes.get(i).command(running ? "resume" : "pause", Duration.ofSeconds(30));
    }

    /** kill -9 of node {@code i}; counted. */
    public void kill(int i) {
        nodes.get(i).kill();
        kills++;
    }

    /** kill -9 of the broker, then a start on its journal after {@code down}; counted. */
    public void restartBroker(Duration down) {
        killBroker(0);
        sleep(down);
        broker().start();
    }

    /** kill -9 of broker {@code i}; counted. */
    public void killBroker(int i) {
        brokers.get(i).kill();
        kills++;
    }

    public void killed() {
        kills++;
    }

    /** Consumers on a queue, as the brokers count them (every node's sessions, on every broker). */
    public long consumers(String queue) {
        return brokers.stream().mapToLong(b -> b.stat(queue + ".consumers")).sum();
    }

    /** Waits until every queue is empty (scheduled messages included, on every broker, nothing waiting to be
     * forwarded to another broker) and nothing is prepared anywhere. */
    public void awaitDrained(Duration atMost) {
        await("the queues drained and nothing in doubt").atMost(atMost)
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> brokers.stream().allMatch(b -> QUEUES.stream().allMatch(q -> b.stat(q + ".messages") == 0)
                        && b.stat("xa.prepared") == 0 && b.stat("sf.messages") == 0)
                        && Database.strings("SELECT gid FROM pg_prepared_xacts").isEmpty());
    }

    /** Every key sent so far has an effect or a dead letter (or the deadline passed). */
    public void awaitSettled(Duration atMost) {
        await("every message handled or dead-lettered").atMost(atMost).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> unsettled().isEmpty());
    }

    /** Keys sent without an effect or a dead letter yet. */
    public List<String> unsettled() {
        List<String> done = new ArrayList<>(Database.strings("SELECT message_key FROM effect"));
        for (String body : Database.strings("SELECT body FROM rebound_dead_letter")) {
            String key = dev.rebound.faults.harness.Ledger.keyIn(body);
            if (key != null) {
                done.add(key);
            }
        }
        List<String> open = new ArrayList<>(keys);
        open.removeAll(done);
        return open;
    }

    /** Dead letters in the store now. */
    public int deadLetterCount() {
        return Integer.parseInt(Database.strings("SELECT count(*) FROM rebound_dead_letter").get(0));
    }

    /** Handler calls of node {@code node} (its name), all keys. */
    public int calls(String node) {
        return Integer.parseInt(Database.strings("SELECT count(*) FROM handler_call WHERE node = '" + node + "'")
                .get(0));
    }

    /** Effects written by node {@code node}. */
    public int effects(String node) {
        return Integer.parseInt(Database.strings("SELECT count(*) FROM effect WHERE node = '" + node + "'").get(0));
    }

    /** The broker's deliveries so far: {@code <queue> <key> <attempt> <delivery count>} per line. */
    public List<String[]> deliveries() {
        return deliveries(0);
    }

    /** Broker {@code i}'s deliveries so far: {@code <queue> <key> <attempt> <delivery count>} per line. */
    public List<String[]> deliveries(int i) {
        try {
            Path file = brokers.get(i).deliveries();
            if (!Files.exists(file)) {
                return List.of();
            }
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(l -> l.split(" ")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Heals: the broker and every node running (a node started again recovers what it left in doubt), the queues
     * drained (or the deadline passed); then the ledger, printed.
     */
    public Ledger settle() {
        run(brokers.stream().filter(b -> !b.alive()).map(b -> (Runnable) b::start).toList());
        startAll(nodes.stream().filter(n -> !n.alive()).toList());
        try {
            awaitDrained(Duration.ofSeconds(150));
        } catch (ConditionTimeoutException e) {
            System.out.println("FAULTS " + name + ": not settled within the deadline: " + e.getMessage());
        }
        Ledger ledger = Ledger.take(List.copyOf(keys), kills, brokers, QUEUES);
        System.out.println(ledger.line() + " (" + name + ", " + nodes.size() + " nodes)");
        ledger.problems().forEach(p -> System.out.println("FAULTS " + name + ":   " + p));
        return ledger;
    }

    public static void sleep(Duration d) {
        Database.sleep(d);
    }

    @Override
    public void close() {
        nodes.forEach(AppProcess::stop);
        brokers.forEach(BrokerProcess::stop);
    }
}
