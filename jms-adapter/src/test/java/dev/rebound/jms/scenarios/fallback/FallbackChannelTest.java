package dev.rebound.jms.scenarios.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.CommandBus;
import dev.rebound.Consumers;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.Jta;
import dev.rebound.testsupport.LogRecords;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code rebound.channel.bookings.fallback=bookings-fallback}: when the broker keeps refusing a channel's messages,
 * they go to its fallback channel in the same transaction (later the outbox; here a second queue), and the
 * transaction commits.
 */
@ReboundTest(beans = {Bookings.class}, config = {"rebound.channels=bookings-fallback",
        "rebound.channel.bookings.fallback=bookings-fallback"}, profile = AsyncDeployments.Async.class)
class FallbackChannelTest {

    static {
        Broker.purge("bookings");
        Broker.purge("bookings-fallback");
    }

    @Inject
    CommandBus commands;
    @Inject
    Consumers consumers;

    private final TransactionManager tm = Jta.transactionManager();
    private LogRecords logged;

    @BeforeEach
    void refuseBookings() {
        consumers.pause("bookings");
        consumers.pause("bookings-fallback");
        logged = LogRecords.of("dev.rebound.jms");
        Broker.refuseSends(message -> message.getAddress().equals("bookings"));
    }

    @AfterEach
    void accept() throws Exception {
        if (tm.getTransaction() != null) {
            tm.rollback();
        }
        Broker.acceptSends();
        Broker.purge("bookings");
        Broker.purge("bookings-fallback");
        logged.close();
    }

    @Test
    void messages_the_broker_keeps_refusing_go_to_the_fallback_channel_and_the_transaction_commits() throws Exception {
        tm.begin();
        commands.send(new Bookings.Book("b-1"));
        commands.send(new Bookings.Book("b-2"));
        tm.commit();

        assertThat(Broker.depth("bookings")).isZero();
        assertThat(Broker.depth("bookings-fallback")).isEqualTo(2);
        assertThat(logged.startingWith("REBOUND-3057")).hasSize(1);
    }

    @Test
    void a_send_outside_a_transaction_goes_to_the_fallback_too() {
        commands.send(new Bookings.Book("b-3"));

        assertThat(Broker.depth("bookings-fallback")).isEqualTo(1);
    }
}
