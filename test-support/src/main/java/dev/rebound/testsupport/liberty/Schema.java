package dev.rebound.testsupport.liberty;

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
 * In the server, the tests' migration step: runs the migrations that Rebound ships
 * ({@code db/rebound/<database>/V<n>__rebound_dead_letter.sql}) when its table is not there yet
 * and then the test's own tables ({@value #TABLES}, written by {@link TestWar#table}), once, when the application
 * starts and before Rebound's consumers start (same event, earlier priority). A table that exists already is left
 * as it is.
 */
@ApplicationScoped
public class Schema {

    /** The WAR's own tables' DDL, if it has any. */
    public static final String TABLES = "META-INF/rebound-test/tables.sql";

    @Resource(lookup = "jdbc/ReboundDS")
    DataSource dataSource;

    void create(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
                Object ignored) throws SQLException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (Connection c = dataSource.getConnection()) {
            List<String> statements = new ArrayList<>(Ddl.reboundStatements(loader, c));
            if (loader.getResource(TABLES) != null) {
                statements.addAll(Ddl.statements(loader, TABLES));
            }
            Ddl.run(c, statements);
        }
    }
}
