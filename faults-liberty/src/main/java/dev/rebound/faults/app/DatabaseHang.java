package dev.rebound.faults.app;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The database hangs: one connection takes exclusive locks on the effect and dead letter tables and keeps them for
 * a while, so every other connection that touches them waits (within Derby's 60 s lock timeout).
 */
@ApplicationScoped
public class DatabaseHang {

    private static final Logger LOG = Logger.getLogger(DatabaseHang.class.getName());

    @Resource(lookup = "jdbc/faults")
    DataSource dataSource;
    @Resource
    ManagedExecutorService executor;

    /** Returns once the locks are held; they are released after {@code ms}. */
    void hang(long ms) {
        CompletableFuture<Void> locked = new CompletableFuture<>();
        executor.submit(() -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("LOCK TABLE effect IN EXCLUSIVE MODE");
                    s.execute("LOCK TABLE rebound_dead_letter IN EXCLUSIVE MODE");
                }
                LOG.warning("FAULTS: database tables locked for " + ms + " ms");
                locked.complete(null);
                Thread.sleep(ms);
                c.rollback();
                LOG.warning("FAULTS: database tables released");
            } catch (SQLException | RuntimeException e) {
                locked.completeExceptionally(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        try {
            locked.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not lock the tables: " + e, e);
        }
    }
}
