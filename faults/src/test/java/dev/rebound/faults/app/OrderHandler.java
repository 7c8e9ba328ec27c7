package dev.rebound.faults.app;

import dev.rebound.Asynchronous;
import dev.rebound.CommandHandler;
import dev.rebound.Deduplicated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    @Inject
    public OrderHandler(DataSource dataSource, AppState state) {
        this.dataSource = dataSource;
        this.state = state;
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
    }
}
