package dev.rebound.database.testing;

import dev.rebound.deadletter.ReboundSchema;
import dev.rebound.testsupport.Jta;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.narayana.NarayanaTransactionIntegration;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.derby.jdbc.EmbeddedXADataSource;

/**
 * An in-memory Derby database for the whole test JVM with Rebound's tables (ReboundSchema.create) and the tests'
 * own {@code handled} table, behind an XA pool enlisted in Narayana's transactions: a database channel on Derby
 * commits with the dead letter on PostgreSQL (a last resource) in one JTA transaction.
 */
public final class Derby {

    static {
        System.setProperty("derby.stream.error.file", "target/derby.log");
    }

    private static AgroalDataSource dataSource;

    private Derby() {
    }

    public static synchronized AgroalDataSource dataSource() {
        if (dataSource == null) {
            AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(pool -> pool.maxSize(20)
                            .transactionIntegration(new NarayanaTransactionIntegration(Jta.transactionManager(),
                                    Jta.synchronizationRegistry()))
                            .connectionFactoryConfiguration(factory -> factory
                                    .connectionProviderClass(EmbeddedXADataSource.class)
                                    .jdbcProperty("databaseName", "memory:rebound-database-transport")
                                    .jdbcProperty("createDatabase", "create")));
            try {
                dataSource = AgroalDataSource.from(config);
                try (Connection c = dataSource.getConnection()) {
                    ReboundSchema.create(c);
                    try (Statement s = c.createStatement()) {
                        s.executeUpdate(Tables.HANDLED_DDL);
                        s.executeUpdate(Tables.LEDGER_DDL);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return dataSource;
    }
}
