package dev.rebound.faults.support;

import dev.rebound.testsupport.liberty.LibertyProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The fault suite's Open Liberty server (created by the build under {@code target/liberty}): started with
 * {@code bin/server start}, killed with SIGKILL ({@code kill -9}) on its JVM, started again ({@link LibertyProcess}).
 * One per test JVM, shared by the scenarios; stopped when the test run ends ({@link ServerSession}) and, whatever
 * happens, by a shutdown hook. Nothing here is synchronised with the server other than through its pid and HTTP.
 */
public final class LibertyServer {

    private static LibertyServer instance;

    private final LibertyProcess process;

    private LibertyServer(Path wlp, String name, URI api) {
        this.process = new LibertyProcess(wlp, name, URI.create(api + "/health"));
    }

    /**
     * The server, started on first use from a clean state (no database, message store, transaction log), and
     * started again if an earlier scenario left it dead.
     */
    public static synchronized LibertyServer running() {
        if (instance != null && !instance.process.alive()) {
            instance.process.start();
        }
        if (instance == null) {
            LibertyServer server = new LibertyServer(Path.of(required("wlp.home")), required("liberty.server.name"),
                    URI.create(required("faults.url")));
            Runtime.getRuntime().addShutdownHook(new Thread(server.process::killQuietly, "kill-liberty"));
            server.wipe();
            server.process.start();
            instance = server;
        }
        return instance;
    }

    /** Stops the server if one was started in this JVM. */
    static synchronized void stopIfStarted() {
        if (instance != null) {
            instance.process.stop();
        }
    }

    /** kill -9, then start again; returns when the application answers. */
    public void killAndRestart() {
        process.kill();
        process.start();
    }

    public int kills() {
        return process.kills();
    }

    public Path overrides() {
        return process.serverDir().resolve("configDropins/overrides");
    }

    /** Lines of the current messages.log that contain the text. */
    public long logLines(String text) {
        return process.currentLogLines(text);
    }

    /**
     * Every run starts empty: a server left over by an interrupted run is killed; its database, message store,
     * transaction log, logs and drop-ins are removed.
     */
    private void wipe() {
        process.cleanUp(List.of("derby", "messaging", "tranlog", "logs"));
        try {
            Files.createDirectories(overrides());
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
