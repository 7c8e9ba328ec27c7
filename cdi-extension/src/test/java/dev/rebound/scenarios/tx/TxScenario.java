package dev.rebound.scenarios.tx;

import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.ErrorChannel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

public final class TxScenario {
    private TxScenario() {
    }

    public record Insert(String id, boolean fail) {
    }

    public static class KeepMe extends RuntimeException {
        public KeepMe(String message) {
            super(message);
        }
    }

    @Transactional(TxType.REQUIRES_NEW)
    public interface NewTxBus extends CommandBus {
    }

    @Transactional(TxType.MANDATORY)
    public interface MandatoryBus extends CommandBus {
    }

    @Transactional(TxType.NEVER)
    public interface NeverBus extends CommandBus {
    }

    @Transactional(dontRollbackOn = KeepMe.class)
    public interface KeepingBus extends CommandBus {
    }

    @Transactional
    @ErrorChannel(Channels.DEAD_LETTER)
    public interface JoiningBus extends CommandBus {
    }

    @ApplicationScoped
    public static class Writer {
        @Inject
        DataSource dataSource;

        @CommandHandler
        public void insert(Insert command) throws SQLException {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement s = c.prepareStatement("INSERT INTO orders VALUES (?, 'tx')")) {
                s.setString(1, command.id());
                s.executeUpdate();
            }
            if (command.fail()) {
                throw new KeepMe("failed after insert " + command.id());
            }
        }
    }
}
