package dev.rebound.it.optimisticlock;

import dev.rebound.CommandHandler;
import dev.rebound.it.support.Calls;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Reads the counter and writes it back one higher, in the gateway's transaction: EclipseLink writes (and checks the
 * version) when that transaction commits, so two writers that read the same version conflict there.
 */
@ApplicationScoped
public class Counters {

    @Inject
    EntityManager entityManager;
    @Inject
    Calls calls;
    @Inject
    CounterBus bus;
    @Resource(lookup = "jdbc/ReboundDS")
    DataSource dataSource;

    @CommandHandler
    public void increment(Increment command) {
        calls.record(command.counterId());
        entityManager.find(Counter.class, command.counterId()).increment();
    }

    public void incrementThroughTheGateway(String counterId) {
        bus.send(new Increment(counterId));
    }

    @Transactional
    public void create(String counterId) {
        entityManager.persist(new Counter(counterId));
    }

    /**
     * The counter as committed, read with JDBC: after commits of the messaging engine's consumer, a find (even
     * with {@code CacheRetrieveMode.BYPASS}) returned a value behind the row's from EclipseLink's shared cache.
     */
    public int value(String counterId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT counter_value FROM it_counter WHERE id = ?")) {
            ps.setString(1, counterId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
