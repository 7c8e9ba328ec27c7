package dev.rebound.faults.app;

import dev.rebound.deadletter.ReboundSchema;
import dev.rebound.testsupport.Ddl;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Creates the effect table and Rebound's dead letter table (ReboundSchema: the migrations shipped in its jar) at the
 * first start, before
 * Rebound starts its consumers (same event, earlier priority). Tables that exist (every restart) are kept.
 */
@ApplicationScoped
public class Schema {

    @Resource(lookup = "jdbc/faults")
    DataSource dataSource;

    void create(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
                Object started) throws SQLException {
        ClassLoader loader = getClass().getClassLoader();
        try (Connection c = dataSource.getConnection()) {
            Ddl.run(c, Ddl.statements(loader, "META-INF/sql/effect-derby.sql"));
            ReboundSchema.create(c);
        }
    }
}
