package dev.rebound.it.databasechannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.it.support.Calls;
import dev.rebound.it.support.MessageRows;
import dev.rebound.it.support.MessageRows.MessageRow;
import dev.rebound.it.support.ReboundWar;
import dev.rebound.it.support.Rows;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A database channel (module database-transport) inside Liberty, in jta mode: the message is a row of
 * rebound_message written in the @Transactional gateway's transaction with the business row, on the persistence
 * unit's data source; the channel's consumers claim it (a lease on Derby, SKIP LOCKED on PostgreSQL) and handle
 * it in a JTA unit of the server's transaction manager; a failure's delayed retries are rows due later, then the
 * dead letter, from which a replay runs the handler.
 */
@ExtendWith(ArquillianExtension.class)
class DatabaseChannelIT {

    @Deployment
    static WebArchive deployment() {
        return ReboundWar.onDatabaseChannels("databasechannel").packageOf(Orders.class).build();
    }

    @Inject
    Checkout checkout;
    @Inject
    Orders orders;
    @Inject
    Rows rows;
    @Inject
    MessageRows messages;
    @Inject
    Calls calls;
    @Inject
    DeadLetters deadLetters;
    @Inject
    UserTransaction transaction;

    private final String id = UUID.randomUUID().toString();

    @BeforeEach
    void reset() {
        orders.failPlacing(0);
        orders.failShipping(0);
        deadLetters.deleteAll();
        await().atMost(Duration.ofSeconds(20)).until(() -> messages.depth(Orders.CHANNEL) == 0);
    }

    @Test
    void the_message_row_commits_with_the_business_row_and_is_handled_once() throws Exception {
        transaction.begin();
        try {
            checkout.place(id);
            assertThat(rows.exists("order-" + id + "-1")).isTrue();
            // the message is a row in the caller's transaction, handled only after the commit
            assertThat(messages.rows(Orders.CHANNEL)).extracting(MessageRow::attempt).containsExactly(1);
            assertThat(calls.count("ship-" + id)).isZero();
        } finally {
            transaction.commit();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> rows.exists("shipment-" + id + "-1"));
        await().atMost(Duration.ofSeconds(10)).until(() -> messages.depth(Orders.CHANNEL) == 0);
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() ->
                calls.count("ship-" + id) == 1);
        assertThat(rows.count(id)).as("the order row and one shipment row").isEqualTo(2);
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void a_rollback_of_the_caller_leaves_neither_business_row_nor_message_row_and_nothing_is_handled()
            throws Exception {
        transaction.begin();
        try {
            checkout.place(id);
            assertThat(messages.depth(Orders.CHANNEL)).isEqualTo(1);
        } finally {
            transaction.rollback();
        }

        assertThat(messages.depth(Orders.CHANNEL)).isZero();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                calls.count("ship-" + id) == 0);
        assertThat(rows.count(id)).isZero();
    }

    @Test
    void an_instant_retry_of_the_gateway_rolls_back_the_first_attempts_message_row_and_sends_it_once()
            throws Exception {
        orders.failPlacing(1);

        checkout.place(id);

        assertThat(calls.count("place-" + id)).as("the failed attempt and its instant retry").isEqualTo(2);
        assertThat(rows.exists("order-" + id + "-1")).as("the failed attempt's row").isFalse();
        assertThat(rows.exists("order-" + id + "-2")).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> rows.exists("shipment-" + id + "-1"));
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() ->
                calls.count("ship-" + id) == 1 && messages.depth(Orders.CHANNEL) == 0);
    }

    @Test
    void a_failing_handler_is_retried_by_rows_due_later_then_dead_lettered_and_replayed() throws Exception {
        orders.failShipping(Integer.MAX_VALUE);

        checkout.place(id);

        // the first attempt failed: its next attempt is a row due RETRY_DELAY_MS after it
        MessageRow retry = await().atMost(Duration.ofSeconds(20)).until(() -> messages.rows(Orders.CHANNEL),
                r -> r.size() == 1 && r.get(0).attempt() == 2).get(0);
        Instant first = calls.times("ship-" + id).get(0);
        assertThat(retry.dueAt() - first.toEpochMilli()).isGreaterThanOrEqualTo(Orders.RETRY_DELAY_MS - 100);
        assertThat(retry.handler()).isEqualTo(Orders.class.getName() + "#ship");

        DeadLetter letter = await().atMost(Duration.ofSeconds(30)).until(this::deadLetter, Optional::isPresent)
                .orElseThrow();
        List<Instant> attempts = calls.times("ship-" + id);
        assertThat(attempts).hasSize(3);
        for (int i = 1; i < attempts.size(); i++) {
            assertThat(Duration.between(attempts.get(i - 1), attempts.get(i)))
                    .as("retry %d not before its due time", i)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(Orders.RETRY_DELAY_MS - 100));
        }
        assertThat(letter.attempts()).isEqualTo(3);
        assertThat(letter.handler()).isEqualTo(Orders.class.getName() + "#ship");
        assertThat(letter.failure().exceptionMessage()).startsWith("fault switched on: carrier down for " + id);
        assertThat(messages.depth(Orders.CHANNEL)).as("the dead letter took the row's place").isZero();
        assertThat(rows.exists("shipment-" + id + "-1")).as("every attempt's row rolled back").isFalse();
        assertThat(rows.count(id)).as("the order row only").isEqualTo(1);

        orders.failShipping(0);
        assertThat(deadLetters.replay(letter.id())).isTrue();

        assertThat(rows.exists("shipment-" + id + "-4")).isTrue();
        assertThat(deadLetters.show(letter.id())).isEmpty();
        assertThat(messages.depth(Orders.CHANNEL)).isZero();
    }

    private Optional<DeadLetter> deadLetter() {
        return deadLetters.list(0, 100).stream().filter(l -> new ShipOrder(id).equals(l.payload())).findFirst();
    }
}
