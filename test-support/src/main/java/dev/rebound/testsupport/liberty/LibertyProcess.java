package dev.rebound.testsupport.liberty;

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
 * An Open Liberty server that a build created under {@code <wlp>/usr/servers/<name>}, run as a process of its own for
 * the suites that kill it: {@link #launch} runs {@code bin/server start} and returns, {@link #awaitUp} waits until its
 * application answers on a health URL, {@link #kill} sends SIGKILL to its JVM, {@link #stop} stops it. Several
 * instances, one per server, may share one runtime; each knows its server only by name, pid file and HTTP. Used by
 * the fault suite on Liberty and by the several-nodes suite.
 */
public final class LibertyProcess {

    /** How long a start may take before the suite gives up. */
    public static final Duration START_DEADLINE = Duration.ofMinutes(5);

    private final Path wlp;
    private final String name;
    private final Path serverDir;
    private final URI health;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile ProcessHandle jvm;
    private int kills;
    private int starts;

    /** @param health a URL of the application that answers 200 once it is up */
    public LibertyProcess(Path wlp, String name, URI health) {
        this.wlp = wlp;
        this.name = name;
        this.serverDir = wlp.resolve("usr/servers").resolve(name);
        this.health = health;
    }

    public String name() {
        return name;
    }

    public Path serverDir() {
        return serverDir;
    }

    public boolean alive() {
        ProcessHandle current = jvm;
        return current != null && current.isAlive();
    }

    /** {@code bin/server start}: returns once the JVM runs, before the application is up. */
    public void launch() {
        run("start");
        jvm = readPid().flatMap(ProcessHandle::of)
                .orElseThrow(() -> new IllegalStateException("server " + name + " has no live JVM after start"));
        starts++;
    }

    /** Waits until the application answers on its health URL; fails at once if the JVM dies meanwhile. */
    public void awaitUp() {
        ProcessHandle started = jvm;
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        while (!answers()) {
            if (started == null || !started.isAlive()) {
                throw new IllegalStateException("the JVM of server " + name + " died while starting; see "
                        + messagesLog());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("server " + name + " did not answer " + health + " within "
                        + START_DEADLINE + "; see " + messagesLog());
            }
            pause(500);
        }
    }

    /** Launches the server and waits until its application answers. */
    public void start() {
        launch();
        awaitUp();
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

    public int kills() {
        return kills;
    }

    public int starts() {
        return starts;
    }

    /** {@code bin/server stop}, then SIGKILL if the JVM is still there. */
    public void stop() {
        if (alive()) {
            run("stop");
        }
        killQuietly();
    }

    /** SIGKILL if it runs, waiting for the JVM's end (a shutdown hook's last word). */
    public void killQuietly() {
        ProcessHandle target = jvm;
        if (target != null && target.isAlive()) {
            target.destroyForcibly();
            target.onExit().join();
        }
    }

    public Path messagesLog() {
        return serverDir.resolve("logs/messages.log");
    }

    /** Lines of the current messages.log that contain the text. */
    public long currentLogLines(String text) {
        try (Stream<String> lines = Files.lines(messagesLog(), StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(text)).count();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /** Lines of all this run's messages logs (the current one and those rolled over at restarts) with the text. */
    public List<String> logLines(String text) {
        try (Stream<Path> logs = Files.list(serverDir.resolve("logs"))) {
            return logs.filter(log -> log.getFileName().toString().startsWith("messages"))
                    .flatMap(LibertyProcess::lines).filter(line -> line.contains(text)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * A server of an earlier, interrupted run still holding the ports is killed; then the given directories of the
     * server ({@code messaging}, {@code tranlog}, {@code logs}, ...) are removed, so that the run starts empty.
     */
    public void cleanUp(List<String> dirs) {
        readPid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(line -> line.contains(name)).orElse(false))
                .ifPresent(p -> {
                    p.destroyForcibly();
                    p.onExit().join();
                });
        for (String dir : dirs) {
            delete(serverDir.resolve(dir));
        }
    }

    /** Removes a file or directory tree, if it is there. */
    public static void delete(Path path) {
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

    private static Stream<String> lines(Path log) {
        try {
            return Files.readAllLines(log).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code bin/server <action> <name>} with this JVM's Java; its output goes beside the runtime. */
    private void run(String action) {
        ProcessBuilder builder = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, name)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        wlp.resolveSibling("server-commands-" + name + ".log").toFile()));
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
}
