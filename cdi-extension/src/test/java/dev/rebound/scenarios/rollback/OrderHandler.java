package dev.rebound.scenarios.rollback;

import dev.rebound.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** Writes the order row, then fails while {@link #failuresLeft} is above zero. */
@ApplicationScoped
public class OrderHandler {

    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();

    @Inject
    DataSource dataSource;

    @CommandHandler
    public String place(PlaceOrder command) throws SQLException {
        calls.incrementAndGet();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO orders VALUES (?, ?)")) {
            insert.setString(1, command.orderId());
            insert.setString(2, command.product());
            insert.executeUpdate();
        }
        if (failuresLeft.getAndDecrement() > 0) {
            throw new IllegalStateException("payment provider down for " + command.orderId());
        }
        return command.orderId();
    }

    public void failTimes(int times) {
        failuresLeft.set(times);
    }

    public int calls() {
        return calls.get();
    }
}
