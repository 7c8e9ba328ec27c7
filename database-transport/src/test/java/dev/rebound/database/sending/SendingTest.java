package dev.rebound.database.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.DeadLetters;
import dev.rebound.database.testing.DatabaseProfile;
import dev.rebound.database.testing.Tables;
import dev.rebound.testsupport.Jta;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sending to a database channel through a gateway: the row is part of the caller's transaction; retries are due times. */
@ReboundTest(beans = Orders.class, tables = "rebound_message", profile = DatabaseProfile.class)
class SendingTest {

    @Inject
    CommandBus commands;

    @Inject
    Orders orders;

    @Inject
    DeadLetters deadLetters;

    private final String id = UUID.randomUUID().toString();

    @Test
    void a_send_in_a_caller_transaction_that_rolls_back_leaves_no_row_and_is_never_handled() {
        assertThatThrownBy(() -> Jta.inTransaction(() -> {
            commands.send(new Orders.PlaceOrder(id));
            // the row is there, in the caller's transaction, on its connection
            assertThat(Tables.depth(Jta.dataSource(), "orders")).isEqualTo(1);
            throw new IllegalStateException("the business transaction fails");
        })).hasMessage("the business transaction fails");

        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() ->
                Tables.depth(Jta.dataSource(), "orders") == 0 && orders.placed().isEmpty());
    }

    @Test
    void a_send_in_a_caller_transaction_is_handled_once_after_it_commits() throws Exception {
        Jta.inTransaction(() -> {
            commands.send(new Orders.PlaceOrder(id));
            return null;
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> orders.placed().contains(id)
                && Tables.depth(Jta.dataSource(), "orders") == 0);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> orders.placed().size() == 1);
    }

    @Test
    void a_delayed_retry_is_a_row_of_the_next_attempt_due_after_the_delay() throws Exception {
        commands.send(new Orders.FlakyOrder(id));

        await().atMost(Duration.ofSeconds(10)).until(() -> orders.flakyCalls().size() == 1
                && Tables.count(Jta.dataSource(), "SELECT COUNT(*) FROM rebound_message WHERE attempt = 2") == 1);
        try (Connection c = Jta.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT due_at, created_at, attempt, channel, owner FROM rebound_message")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getLong("due_at") - orders.flakyCalls().get(0)).isGreaterThanOrEqualTo(
                    Orders.RETRY_DELAY_MS - 100);
            assertThat(row.getString("channel")).isEqualTo("flaky-orders");
            assertThat(row.getString("owner")).isNull();
        }
        assertThat(orders.flakyCalls()).hasSize(1);        // not before its due time

        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.count() == 1
                && Tables.depth(Jta.dataSource(), "flaky-orders") == 0);
        assertThat(orders.flakyCalls()).hasSize(2);
        assertThat(orders.flakyCalls().get(1) - orders.flakyCalls().get(0)).isGreaterThanOrEqualTo(
                Orders.RETRY_DELAY_MS);
    }
}
