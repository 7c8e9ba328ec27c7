package dev.rebound.faults.harness;

import static org.awaitility.Awaitility.await;

import dev.rebound.faults.app.FaultApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The application JVM ({@link FaultApp}) of one scenario: started, commanded on stdin, halted or killed, restarted. */
public final class AppProcess {

    private final Path dir;
    private final String plan;
    private final long workMs;
    private final String node;
    private final Map<String, String> extra;
    private final AtomicInteger commands = new AtomicInteger();
    private Child child;
    private int incarnation;

    AppProcess(Path dir, String plan, long workMs) {
        this(dir, plan, workMs, FaultApp.NODE, Map.of());
    }

    /**
     * An application named {@code node} (Narayana's node identifier): the first one, {@link FaultApp#NODE}, keeps
     * its state in {@code dir}, another one in {@code dir/<node>} (its own object store, on any free port for the
     * transaction status manager). {@code extra}: more system properties ({@code faults.outbox}, ...).
     */
    AppProcess(Path dir, String plan, long workMs, String node, Map<String, String> extra) {
        this.dir = FaultApp.NODE.equals(node) ? dir : dir.resolve(node);
        this.plan = plan;
        this.workMs = workMs;
        this.node = node;
        this.extra = Map.copyOf(extra);
    }

    public void start() {
        incarnation++;
        Map<String, String> properties = new HashMap<>(Map.of(
                "faults.dir", dir.toString(),
                "faults.plan", plan,
                "faults.incarnation", String.valueOf(incarnation),
                "faults.work-ms", String.valueOf(workMs),
                "faults.pg.port", String.valueOf(Database.PORT),
                "faults.broker.port", String.valueOf(BrokerProcess.PORT),
                "org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        properties.put("faults.node", node);
        // the first application's transaction status manager on the port after the broker's (61717 by default)
        properties.put("faults.tsm-port", FaultApp.NODE.equals(node) ? String.valueOf(BrokerProcess.PORT + 1) : "0");
        properties.putAll(extra);
        child = Child.start(FaultApp.class.getName(), properties, List.of(),
                dir.resolve(FaultApp.NODE.equals(node) ? "app-" + incarnation + ".log"
                        : "app-" + node + "-" + incarnation + ".log"));
        await("the application (" + child.log() + ")").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    if (!child.alive()) {
                        throw new IllegalStateException("the application died at start, see " + child.log());
                    }
                    return child.output().contains("FAULTS-READY");
                });
    }

    /** Sends a command and waits for its reply. */
    public String command(String command, Duration atMost) {
        String id = String.valueOf(commands.incrementAndGet());
        child.send(id + " " + command);
        Pattern reply = Pattern.compile("FAULTS-REPLY " + id + " (.*)");
        String[] result = new String[1];
        await("reply to '" + command + "' (" + child.log() + ")").atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Matcher m = reply.matcher(child.output());
                    if (m.find()) {
                        result[0] = m.group(1);
                        return true;
                    }
                    if (!child.alive()) {
                        throw new IllegalStateException("the application ended before replying, see " + child.log());
                    }
                    return false;
                });
        return result[0];
    }

    /** Sends the jobs ({@code key:failures}) in one command. */
    public void send(List<String> jobs) {
        command("send " + String.join(" ", jobs), Duration.ofSeconds(60));
    }

    /** Waits until a planned fault halted the process (exit code 99). */
    public void awaitHalt(Duration atMost) {
        await("a planned halt of the application (" + child.log() + ")").atMost(atMost)
                .pollInterval(Duration.ofMillis(100)).until(() -> !child.alive());
        if (child.exitCode() != 99) {
            throw new AssertionError("the application ended with " + child.exitCode() + ", not by the planned halt; see "
                    + child.log());
        }
    }

    /** kill -9, at a moment the test chooses. */
    public void kill() {
        child.kill();
    }

    public boolean alive() {
        return child != null && child.alive();
    }

    public Path log() {
        return child.log();
    }

    /** What the running (or last) process printed so far. */
    public String output() {
        return child.output();
    }

    public String node() {
        return node;
    }

    /** Asks the application to stop (its consumers and relay finish, the container closes); kill -9 if it does not. */
    public void stopGracefully() {
        if (child == null || !child.alive()) {
            return;
        }
        try {
            command("stop", Duration.ofSeconds(10));
            await("the application stopped (" + child.log() + ")").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).until(() -> !child.alive());
        } catch (RuntimeException notStopping) {
            child.kill();
        }
    }

    void stop() {
        if (child != null && child.alive()) {
            child.kill();
        }
    }
}
