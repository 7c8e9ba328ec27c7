package dev.rebound.testsupport;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.agroal.narayana.NarayanaTransactionIntegration;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.SQLException;
import java.util.concurrent.Callable;

/** Narayana, the real JTA transaction manager, and a pool on {@link Postgres#server()} enlisted in its transactions. */
public final class Jta {

    private static AgroalDataSource dataSource;

    static {
        System.setProperty("com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean.objectStoreDir",
                "target/narayana-store");
        System.setProperty("ObjectStoreEnvironmentBean.objectStoreDir", "target/narayana-store");
        // the PostgreSQL pool is not XA: Agroal enlists it as a last resource (LRCO), committed before the
        // XA resources (the JMS session) are, so that its failure rolls them back
        System.setProperty("JTAEnvironmentBean.lastResourceOptimisationInterfaceClassName", "org.jboss.tm.LastResource");
    }

    private Jta() {
    }

    public static TransactionManager transactionManager() {
        return com.arjuna.ats.jta.TransactionManager.transactionManager();
    }

    public static TransactionSynchronizationRegistry synchronizationRegistry() {
        return new com.arjuna.ats.internal.jta.transaction.arjunacore.TransactionSynchronizationRegistryImple();
    }

    /**
     * Runs the work in a new transaction of {@link #transactionManager()}: committed when it returns, rolled back
     * (and the exception rethrown) when it throws.
     */
    public static <T> T inTransaction(Callable<T> work) throws Exception {
        TransactionManager tm = transactionManager();
        tm.begin();
        T result;
        try {
            result = work.call();
        } catch (Exception | Error e) {
            tm.rollback();
            throw e;
        }
        tm.commit();
        return result;
    }

    /** A pooled DataSource whose connections join the current JTA transaction. */
    public static synchronized AgroalDataSource dataSource() {
        if (dataSource == null) {
            AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(pool -> pool.maxSize(10)
                            .transactionIntegration(new NarayanaTransactionIntegration(transactionManager(),
                                    synchronizationRegistry()))
                            .connectionFactoryConfiguration(factory -> factory.jdbcUrl(Postgres.jdbcUrl())
                                    .principal(new NamePrincipal("postgres"))
                                    .credential(new SimplePassword("postgres"))));
            try {
                dataSource = AgroalDataSource.from(config);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return dataSource;
    }
}
