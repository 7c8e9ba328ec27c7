package dev.rebound.faults.app;

import dev.rebound.testsupport.Ddl;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Creates the effect table and Rebound's dead letter table (the DDL shipped in its jar) at the first start, before
 * Rebound starts its consumers (same event, earlier priority). Tables that exist (every restart) are kept.
 */
@ApplicationScoped
public class Schema {

    @Resource(lookup = "jdbc/faults")
    DataSource dataSource;

    void create(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
                Object started) throws SQLException {
        ClassLoader loader = getClass().getClassLoader();
        List<String> statements = new ArrayList<>(Ddl.statements(loader, "META-INF/sql/effect-derby.sql"));
        statements.addAll(Ddl.statements(loader, "META-INF/rebound/schema/derby.sql"));
        try (Connection c = dataSource.getConnection()) {
            Ddl.run(c, statements);
        }
    }
}
