package dev.rebound.jms;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/**
 * Which handler failures are a lost database connection (the unit rolls back, the message goes back to the queue as
 * it was, no attempt counted) and which are the message's failure (routed by its policy).
 */
class ConnectionLostTest {

    @Test
    void a_connection_exception_among_the_causes_is_a_lost_connection() {
        assertThat(JmsConsumer.connectionLost(new SQLException("Connection refused", "08001"))).isTrue();
        assertThat(JmsConsumer.connectionLost(new IllegalStateException("the handler's query",
                new RuntimeException("JDBCConnectionException", new SQLException("I/O error", "08006"))))).isTrue();
        assertThat(JmsConsumer.connectionLost(new SQLTransientConnectionException("pool closed"))).isTrue();
        RuntimeException suppressing = new RuntimeException("rolled back");
        suppressing.addSuppressed(new SQLException("An I/O error occurred while sending to the backend.", "08006"));
        assertThat(JmsConsumer.connectionLost(suppressing)).isTrue();
    }

    @Test
    void any_other_failure_is_the_messages() {
        assertThat(JmsConsumer.connectionLost(new IllegalStateException("job fails"))).isFalse();
        assertThat(JmsConsumer.connectionLost(new SQLIntegrityConstraintViolationException("duplicate key", "23505")))
                .isFalse();
        assertThat(JmsConsumer.connectionLost(new SQLException("no state"))).isFalse();
        assertThat(JmsConsumer.connectionLost(new RuntimeException(new SQLException("syntax", "42601")))).isFalse();
    }
}
