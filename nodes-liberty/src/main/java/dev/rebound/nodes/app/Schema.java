package dev.rebound.nodes.app;

import dev.rebound.deadletter.ReboundSchema;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Creates the effect table and Rebound's tables (ReboundSchema, the shipped migrations) at start, before Rebound
 * starts its consumers (same event, earlier priority), as an application does. Both nodes do it on the same
 * database, and the suite starts them at the same moment: the first start of a cluster races on the schema.
 */
@ApplicationScoped
public class Schema {

    @Resource(lookup = "jdbc/nodes")
    DataSource dataSource;

    void create(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
                Object started) throws SQLException {
        ReboundSchema.create(dataSource);
        try {
            effectTable();
        } catch (SQLException raced) {
            // the other node's CREATE TABLE IF NOT EXISTS committed between our check and our insert into the
            // catalog (PostgreSQL then fails on pg_type's unique key); the table is there now
            effectTable();
        }
    }

    private void effectTable() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(Effects.DDL);
        }
    }
}
