package dev.rebound.scenarios.dedup;

import dev.rebound.deadletter.ReboundSchema;
import dev.rebound.testsupport.Jpa;
import dev.rebound.testsupport.Jta;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.narayana.NarayanaTransactionIntegration;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;

/**
 * An embedded Derby database (in memory) as the application's JTA data source, with Hibernate on it: what a server
 * with a Derby data source gives (Open Liberty's default). Hibernate 6 has no Derby dialect any more; DB2's serves,
 * as the deduplication writes native statements only. Rebound's schema comes from its shipped Derby migrations.
 */
public final class Derby {

    private static AgroalDataSource dataSource;
    private static EntityManagerFactory factory;

    private Derby() {
    }

    public static synchronized AgroalDataSource dataSource() {
        if (dataSource == null) {
            AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(pool -> pool.maxSize(10)
                            .transactionIntegration(new NarayanaTransactionIntegration(Jta.transactionManager(),
                                    Jta.synchronizationRegistry()))
                            .connectionFactoryConfiguration(f -> f.jdbcUrl("jdbc:derby:memory:rebound-dedup;create=true")));
            try {
                dataSource = AgroalDataSource.from(config);
                try (Connection connection = dataSource.getConnection()) {
                    ReboundSchema.create(connection);
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("CREATE TABLE orders (id VARCHAR(36) PRIMARY KEY, product VARCHAR(1000))");
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return dataSource;
    }

    static synchronized EntityManagerFactory factory() {
        if (factory == null) {
            factory = Persistence.createEntityManagerFactory(Jpa.UNIT, Map.of(
                    "jakarta.persistence.jtaDataSource", dataSource(),
                    "hibernate.dialect", "org.hibernate.dialect.DB2Dialect",
                    "hibernate.transaction.jta.platform",
                    "org.hibernate.engine.transaction.jta.platform.internal.JBossStandAloneJtaPlatform",
                    "hibernate.current_session_context_class", "jta"));
        }
        return factory;
    }

    /** A transaction-scoped EntityManager on Derby (each call to the current JTA transaction's context). */
    public static EntityManager entityManager() {
        SessionFactory sessions = factory().unwrap(SessionFactory.class);
        return (EntityManager) Proxy.newProxyInstance(Derby.class.getClassLoader(),
                new Class<?>[] {EntityManager.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(sessions.getCurrentSession(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    public static long count(String sql) {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void execute(String sql) {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces the test server's EntityManager and DataSource (PostgreSQL) by Derby's. */
    @Alternative
    @Priority(100)
    @ApplicationScoped
    public static class Resources {

        @Produces
        @Alternative
        @Priority(100)
        EntityManager entityManager() {
            return Derby.entityManager();
        }

        @Produces
        @Alternative
        @Priority(100)
        DataSource dataSource() {
            return Derby.dataSource();
        }
    }
}
