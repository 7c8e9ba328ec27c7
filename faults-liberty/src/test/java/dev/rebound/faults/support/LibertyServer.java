package dev.rebound.faults.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The fault suite's Open Liberty server (created by the build under {@code target/liberty}): started with
 * {@code bin/server start}, killed with SIGKILL ({@code kill -9}) on its JVM, started again. One per test JVM,
 * shared by the scenarios; stopped when the test run ends ({@link ServerSession}) and, whatever happens, by a
 * shutdown hook. Nothing here is synchronised with the server other than through its pid and HTTP.
 */
public final class LibertyServer {

    private static final Duration START_DEADLINE = Duration.ofMinutes(5);
    private static LibertyServer instance;

    private final Path wlp;
    private final String name;
    private final Path serverDir;
    private final URI health;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile ProcessHandle jvm;
    private int kills;

    private LibertyServer(Path wlp, String name, URI api) {
        this.wlp = wlp;
        this.name = name;
        this.serverDir = wlp.resolve("usr/servers").resolve(name);
        this.health = URI.create(api + "/health");
    }

    /**
     * The server, started on first use from a clean state (no database, message store, transaction log), and
     * started again if an earlier scenario left it dead.
     */
    public static synchronized LibertyServer running() {
        if (instance != null && (instance.jvm == null || !instance.jvm.isAlive())) {
            instance.start();
        }
        if (instance == null) {
            LibertyServer server = new LibertyServer(Path.of(required("wlp.home")), required("liberty.server.name"),
                    URI.create(required("faults.url")));
            Runtime.getRuntime().addShutdownHook(new Thread(server::killQuietly, "kill-liberty"));
            server.killLeftOver();
            server.wipe();
            server.start();
            instance = server;
        }
        return instance;
    }

    /** Stops the server if one was started in this JVM. */
    static synchronized void stopIfStarted() {
        if (instance != null) {
            instance.stop();
        }
    }

    public void start() {
        run("start");
        jvm = readPid().flatMap(ProcessHandle::of)
                .orElseThrow(() -> new IllegalStateException("server " + name + " has no live JVM after start"));
        ProcessHandle started = jvm;
        await("server " + name + " answers " + health + " (see " + messagesLog() + ")").atMost(START_DEADLINE)
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException("the JVM of server " + name + " died while starting; see "
                                + messagesLog());
                    }
                    return answers();
                });
    }

    /** SIGKILL on the server's JVM (no shutdown, nothing flushed that the OS does not already hold). */
    public void kill() {
        ProcessHandle target = jvm;
        if (target == null || !target.isAlive()) {
            throw new IllegalStateException("server " + name + " is not running, nothing to kill");
        }
        target.destroyForcibly();
        try {
            target.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("JVM " + target.pid() + " did not die after SIGKILL", e);
        }
        kills++;
    }

    /** kill -9, then start again; returns when the application answers. */
    public void killAndRestart() {
        kill();
        start();
    }

    public int kills() {
        return kills;
    }

    public Path overrides() {
        return serverDir.resolve("configDropins/overrides");
    }

    public Path messagesLog() {
        return serverDir.resolve("logs/messages.log");
    }

    /** Lines of the current messages.log that contain the text. */
    public long logLines(String text) {
        try (Stream<String> lines = Files.lines(messagesLog(), StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(text)).count();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    void stop() {
        if (jvm != null && jvm.isAlive()) {
            run("stop");
        }
        killQuietly();
    }

    private void killQuietly() {
        ProcessHandle target = jvm;
        if (target != null && target.isAlive()) {
            target.destroyForcibly();
            target.onExit().join();
        }
    }

    private boolean answers() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code bin/server <action> <name>} with this JVM's Java; its output goes to target/. */
    private void run(String action) {
        ProcessBuilder builder = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, name)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(wlp.resolveSibling("server-commands.log").toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            Process process = builder.start();
            if (!process.waitFor(START_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("bin/server " + action + " " + name + " did not return");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Liberty writes the JVM's pid to usr/servers/.pid/<name>.pid. */
    private Optional<Long> readPid() {
        Path file = wlp.resolve("usr/servers/.pid").resolve(name + ".pid");
        try {
            return Files.exists(file) ? Optional.of(Long.parseLong(Files.readString(file).strip())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A server of an earlier, interrupted run still holding the ports. */
    private void killLeftOver() {
        readPid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(line -> line.contains(name)).orElse(false))
                .ifPresent(p -> {
                    p.destroyForcibly();
                    p.onExit().join();
                });
    }

    /** Every run starts empty: database, message store, transaction log, logs and drop-ins of earlier runs. */
    private void wipe() {
        for (String dir : List.of("derby", "messaging", "tranlog", "logs")) {
            delete(serverDir.resolve(dir));
        }
        try {
            Files.createDirectories(overrides());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (run through failsafe)");
        }
        return value;
    }
}
