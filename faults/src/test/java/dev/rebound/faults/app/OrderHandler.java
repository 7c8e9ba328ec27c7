package dev.rebound.faults.app;

import dev.rebound.Asynchronous;
import dev.rebound.CommandHandler;
import dev.rebound.Deduplicated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionManager;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import javax.sql.DataSource;

/**
 * The consumer of the outbox flow, on the JMS queue {@value #CHANNEL} that the relay of {@value #OUTBOX} feeds. Its
 * effect is one row in {@code outbox_effect} (no unique key: a second run is a second row), written in the
 * consumer's XA transaction. {@code @Deduplicated} (by the Rebound message id, which the outbox row and every relayed
 * copy keep) is the documented remedy of the relay's at-least-once: a copy sent again after a crash between the
 * broker's commit and the rows' delete is acknowledged without running the handler (REBOUND-1070).
 */
@ApplicationScoped
public class OrderHandler {

    public static final String CHANNEL = "orders";
    public static final String OUTBOX = "orders-outbox";

    private final DataSource dataSource;
    private final AppState state;
    private final FaultPlan plan;
    private final TransactionManager tm;

    @Inject
    public OrderHandler(DataSource dataSource, AppState state, FaultPlan plan, TransactionManager tm) {
        this.dataSource = dataSource;
        this.state = state;
        this.plan = plan;
        this.tm = tm;
    }

    @Asynchronous(CHANNEL)
    @Deduplicated
    @CommandHandler
    public void handle(Order order) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO outbox_effect (order_key, node, process) VALUES (?, ?, ?)")) {
            insert.setString(1, order.key());
            insert.setString(2, state.node());
            insert.setInt(3, state.incarnation());
            insert.executeUpdate();
        }
        if (plan.fire(Point.BROKER_DIES_AT_CONSUMER_COMMIT, order.key())) {
            tm.getTransaction().registerSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    brokerDies();
                }

                @Override
                public void afterCompletion(int status) {
                }
            });
        }
    }

    /** Has the broker halt itself (its flag file) and waits until it no longer takes connections. */
    private static void brokerDies() {
        try {
            Files.writeString(Path.of(System.getProperty("faults.dir")).resolve("halt-broker"), "halt");
            long until = System.currentTimeMillis() + 15_000;
            while (System.currentTimeMillis() < until) {
                try (Socket probe = new Socket("127.0.0.1", Integer.getInteger("faults.broker.port"))) {
                    Thread.sleep(50);
                } catch (IOException refused) {
                    System.out.println("FAULTS-BROKER-DIED at a consumer's commit");
                    System.out.flush();
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
