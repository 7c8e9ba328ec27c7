package dev.rebound.database.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.database.DatabaseTransportFactory;
import dev.rebound.database.testing.TestContext;
import dev.rebound.spi.Transport;
import dev.rebound.spi.TransportHealth;
import dev.rebound.testsupport.Jta;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The readiness check says whether the database answers, within its bound, never throwing. */
class HealthTest {

    /** A data source whose connections never come: a pool that waits, a database that does not answer. */
    static final class Hanging implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new SQLException("no connection");
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }

    @Test
    void the_database_that_answers_is_up() {
        Transport transport = new DatabaseTransportFactory().create(new TestContext(Map.of(), Jta.dataSource()));

        assertThat(transport.health()).isEqualTo(TransportHealth.UP);
    }

    @Test
    void a_database_that_does_not_answer_is_down_within_the_bound() {
        Transport transport = new DatabaseTransportFactory().create(new TestContext(Map.of(
                "rebound.database.health-timeout-ms", "300"), new Hanging()));

        long start = System.nanoTime();
        TransportHealth health = transport.health();

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
        assertThat(health.up()).isFalse();
        assertThat(health.detail()).contains("REBOUND-3095", "300 ms");
        assertThat(transport.health().up()).isFalse();     // the hanging probe is not started again
    }
}
