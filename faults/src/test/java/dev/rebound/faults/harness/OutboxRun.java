package dev.rebound.faults.harness;

import static org.awaitility.Awaitility.await;

import dev.rebound.faults.app.FaultApp;
import dev.rebound.faults.app.OrderHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The processes of the outbox scenarios: PostgreSQL (shared by the run), a broker, the application in outbox mode
 * ({@code faults.outbox=true}: business row and outbox row in one transaction, the relay to the JMS queue
 * {@value OrderHandler#CHANNEL}, a {@code @Deduplicated} consumer) and, for the takeover, a second application
 * {@value #SECOND} relaying the same table. The scenarios share them (one start, restarts only after kills), each
 * with keys of its own: {@link #scenario} begins one, {@link #settle()} drains and returns its ledger.
 */
public final class OutboxRun implements AutoCloseable {

    /** The second application's node name. */
    public static final String SECOND = "faults-b";
    private static final Pattern ACK = Pattern.compile("FAULTS-ACK (\\S+)");
    private static final Pattern RELAYED = Pattern.compile("FAULTS-RELAYED (\\S+)((?: \\S+)*)");

    private String name;
    private final Path dir;
    private final BrokerProcess broker;
    private final AppProcess app;
    private final AppProcess second;
    private final Set<String> keys = new LinkedHashSet<>();
    private int kills;
    private int absorbedBefore;

    private OutboxRun(String name, Path dir, String plan) {
        this.name = name;
        this.dir = dir;
        this.broker = new BrokerProcess(dir, "");
        Map<String, String> outbox = Map.of("faults.outbox", "true");
        this.app = new AppProcess(dir, plan, 0, FaultApp.NODE, outbox);
        this.second = new AppProcess(dir, "", 0, SECOND, outbox);
    }

    /**
     * Starts the broker and the first application; {@code plan} as {@code POINT=key,...} (see FaultPlan) for the
     * first one, for every scenario.
     */
    public static OutboxRun start(String name, String plan) {
        Path dir = Path.of("target", "faults", name).toAbsolutePath();
        try {
            Database.deleteTree(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("FAULTS " + name + ": logs in " + dir + " and " + Database.log());
        Database.ensureStarted();
        Database.clean();
        OutboxRun run = new OutboxRun(name, dir, plan);
        try {
            run.broker.start();
            run.app.start();
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
        return run;
    }

    /**
     * Begins a scenario: its name for the ledger's line, no keys, no kills; the broker and the first application
     * running, the second one stopped.
     */
    public void scenario(String scenario) {
        name = scenario;
        keys.clear();
        kills = 0;
        absorbedBefore = absorbed();
        System.out.println("FAULTS " + name + ": logs in " + dir + " and " + Database.log());
        if (!broker.alive()) {
            broker.start();
        }
        if (!app.alive()) {
            app.start();
        }
        second.stopGracefully();
    }

    /** The file that ends a {@code RELAY_HOLDING} hold of the first application: created, or removed. */
    public void release(boolean release) {
        try {
            if (release) {
                Files.writeString(dir.resolve("release"), "release");
            } else {
                Files.deleteIfExists(dir.resolve("release"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BrokerProcess broker() {
        return broker;
    }

    public AppProcess app() {
        return app;
    }

    public AppProcess second() {
        return second;
    }

    /** {@code count} keys {@code prefix-<i>}. */
    public static List<String> keys(String prefix, int count) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add(prefix + "-" + i);
        }
        return keys;
    }

    /**
     * Calls the business method for each key (one transaction each) on {@code on}, its consumers and relay paused
     * meanwhile (so that a batch is relayed as a whole once they resume). Returns false when the process died in
     * the call (a planned halt): the keys it did not reach were never called.
     */
    public boolean order(AppProcess on, List<String> orders) {
        keys.addAll(orders);
        try {
            on.command("pause", Duration.ofSeconds(30));
            on.command("order " + String.join(" ", orders), Duration.ofSeconds(60));
        } catch (IllegalStateException halted) {
            return false;
        }
        try {
            on.command("resume", Duration.ofSeconds(30));
        } catch (IllegalStateException haltedAlready) {
            // a planned halt of the relay came first
        }
        return true;
    }

    /** As {@link #order(AppProcess, List)}, without pausing: the relay runs while the calls are made. */
    public boolean orderLive(AppProcess on, List<String> orders) {
        keys.addAll(orders);
        try {
            on.command("order " + String.join(" ", orders), Duration.ofSeconds(60));
            return true;
        } catch (IllegalStateException halted) {
            return false;
        }
    }

    public void killed() {
        kills++;
    }

    /** Waits for the planned halt of {@code which} and counts it. */
    public void halted(AppProcess which) {
        which.awaitHalt(Duration.ofSeconds(60));
        killed();
    }

    /** The keys the business method acknowledged (its call returned), from every application's output. */
    public Set<String> acknowledged() {
        Set<String> acked = new LinkedHashSet<>();
        for (String log : logs()) {
            Matcher m = ACK.matcher(log);
            while (m.find()) {
                acked.add(m.group(1));
            }
        }
        return acked;
    }

    /** Every batch a relay committed to the broker, as {@code node key...}, in the order of the logs. */
    public List<List<String>> relayedBatches() {
        List<List<String>> batches = new ArrayList<>();
        for (String log : logs()) {
            Matcher m = RELAYED.matcher(log);
            while (m.find()) {
                List<String> batch = new ArrayList<>();
                batch.add(m.group(1));
                batch.addAll(Arrays.stream(m.group(2).trim().split(" ")).filter(s -> !s.isEmpty()).toList());
                batches.add(batch);
            }
        }
        return batches;
    }

    /** The keys whose outbox row is in {@code rebound_message} now. */
    public static List<String> inOutbox() {
        return OutboxLedger.keysIn(OutboxLedger.outboxBodies());
    }

    /** The keys with a business row now. */
    public static List<String> withBusinessRow() {
        return Database.strings("SELECT order_key FROM business");
    }

    /** The keys with a consumer effect now. */
    public static List<String> withEffect() {
        return Database.strings("SELECT order_key FROM outbox_effect");
    }

    /** The keys on the queue now (browsed). */
    public List<String> onQueue() {
        return OutboxLedger.keysIn(broker.browse(OrderHandler.CHANNEL));
    }

    private List<String> logs() {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("app-.*\\.log")).sorted().map(p -> {
                try {
                    return Files.readString(p, StandardCharsets.ISO_8859_1);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** REBOUND-1070 lines: duplicates acknowledged without running the handler, in every process. */
    private int absorbed() {
        int n = 0;
        for (String log : logs()) {
            for (int at = log.indexOf("REBOUND-1070"); at >= 0; at = log.indexOf("REBOUND-1070", at + 1)) {
                n++;
            }
        }
        return n;
    }

    /**
     * The broker running, the first application running (started again if it died; the second one only if it is
     * alive), the outbox and the queue drained and nothing in doubt (or the deadline passed); then the ledger.
     */
    public OutboxLedger settle() {
        if (!broker.alive()) {
            broker.start();
        }
        if (!app.alive() && !second.alive()) {
            app.start();
        }
        try {
            await("the outbox and the queue drained, nothing in doubt").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> inOutbox().isEmpty() && broker.stat(OrderHandler.CHANNEL + ".messages") == 0
                            && broker.stat("xa.prepared") == 0
                            && Database.strings("SELECT gid FROM pg_prepared_xacts").isEmpty());
        } catch (ConditionTimeoutException e) {
            System.out.println("FAULTS " + name + ": not settled within the deadline: " + e.getMessage());
        }
        int copies = (int) relayedBatches().stream().flatMap(b -> b.subList(1, b.size()).stream())
                .filter(keys::contains).count();
        Set<String> acked = acknowledged();
        acked.retainAll(keys);
        OutboxLedger ledger = OutboxLedger.take(List.copyOf(keys), acked, kills, absorbed() - absorbedBefore, copies,
                broker);
        System.out.println(ledger.line() + " (" + name + ")");
        ledger.problems().forEach(p -> System.out.println("FAULTS " + name + ":   " + p));
        return ledger;
    }

    @Override
    public void close() {
        app.stop();
        second.stop();
        broker.stop();
    }
}
