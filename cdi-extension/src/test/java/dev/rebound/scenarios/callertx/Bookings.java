package dev.rebound.scenarios.callertx;

import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.ErrorChannel;
import dev.rebound.ErrorMessage;
import dev.rebound.InstantRetry;
import dev.rebound.InternalHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/** Gateways with instant retries called from inside a caller's transaction, and a handler that writes a row per attempt. */
public final class Bookings {
    private Bookings() {
    }

    /** Fails on its first {@code failures} attempts, each of which writes the row {@code <id>#<attempt>} first. */
    public record Book(String id, int failures) {
    }

    @Transactional
    @ErrorChannel(Channels.DEAD_LETTER)
    @InstantRetry(maxRetries = 2)
    public interface DeadLetteringBookings extends CommandBus {
    }

    @Transactional
    @ErrorChannel("bookingFailures")
    @InstantRetry(maxRetries = 2)
    public interface AlertingBookings extends CommandBus {
    }

    @Transactional(TxType.REQUIRES_NEW)
    @ErrorChannel(Channels.DEAD_LETTER)
    @InstantRetry(maxRetries = 2)
    public interface IndependentBookings extends CommandBus {
    }

    @Transactional
    @InstantRetry(maxRetries = 2)
    public interface RetryingBookings extends CommandBus {
    }

    static void insert(DataSource dataSource, String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO orders VALUES (?, 'callertx')")) {
            s.setString(1, id);
            s.executeUpdate();
        }
    }

    @ApplicationScoped
    public static class Ledger {
        private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
        @Inject
        DataSource dataSource;

        @CommandHandler
        public String book(Book command) throws SQLException {
            int attempt = attempts.merge(command.id(), 1, Integer::sum);
            insert(dataSource, command.id() + "#" + attempt);
            if (attempt <= command.failures()) {
                throw new IllegalStateException("ledger busy for " + command.id());
            }
            return "booked " + command.id();
        }

        public int attempts(String id) {
            return attempts.getOrDefault(id, 0);
        }
    }

    /** The error channel: records each failure as a row {@code failed:<id>}, in whatever transaction it runs. */
    @ApplicationScoped
    public static class FailureDesk {
        @Inject
        DataSource dataSource;

        @InternalHandler("bookingFailures")
        public void on(ErrorMessage error) throws SQLException {
            insert(dataSource, "failed:" + ((Book) error.originalMessage().payload()).id());
        }
    }
}
