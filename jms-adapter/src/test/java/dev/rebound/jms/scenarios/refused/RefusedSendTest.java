package dev.rebound.jms.scenarios.refused;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.LogRecords;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The broker refuses the re-send of a delayed retry (a queue with {@code sendAllowed="false"}): the unit is rolled
 * back on the consumer thread, the retry is kept for the redelivery (the handler does not run again), and once the
 * message reaches {@code rebound.jms.max-deliveries} Rebound stores it as a dead letter, before the broker's own
 * limit would move it to its {@code DLQ}.
 */
@ReboundTest(beans = {Refunds.class}, config = "rebound.jms.max-deliveries=5", profile = AsyncDeployments.Async.class)
class RefusedSendTest {

    static {
        Broker.purge("refunds");
    }

    @Inject
    CommandBus commands;
    @Inject
    Refunds refunds;
    @Inject
    DeadLetters deadLetters;

    private LogRecords logged;

    @BeforeEach
    void clean() {
        logged = LogRecords.of("dev.rebound.jms");
    }

    @AfterEach
    void accept() {
        Broker.acceptSends();
        logged.close();
    }

    @Test
    void retry_the_broker_refuses_to_resend_ends_in_the_dead_letter_once_and_never_on_the_brokers_dlq() {
        long brokersDlq = Broker.depth("DLQ");
        Broker.refuseSends(message -> message.getAddress().equals("refunds")
                && message.getIntProperty("rebound_attempt") != null && message.getIntProperty("rebound_attempt") > 1);

        commands.send(new Refunds.Refund("r-1", true));

        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.count() == 1);
        DeadLetter letter = deadLetters.list(0, 1).get(0);
        assertThat(letter.failure().exceptionMessage()).contains("REBOUND-3019", "delivered 5 times", "bank refused r-1");
        assertThat(refunds.calls("r-1")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("refunds") == 0);
        assertThat(Broker.depth("DLQ")).isEqualTo(brokersDlq);
        // the first failure is logged with its stack trace, the repeat as one line
        assertThat(logged.startingWith("REBOUND-3020"))
                .hasSize(1).allMatch(r -> r.getThrown() != null);
        assertThat(logged.startingWith("REBOUND-3021"))
                .isNotEmpty().allMatch(r -> r.getThrown() == null);

        // no transaction was left behind on the consumer thread: the next message is handled
        Broker.acceptSends();
        commands.send(new Refunds.Refund("r-2", false));
        await().atMost(Duration.ofSeconds(30)).until(() -> refunds.refunded().contains("r-2"));
        assertThat(deadLetters.count()).isEqualTo(1);
    }

    @Test
    void retry_resent_once_the_broker_accepts_again_is_handled_by_its_handler_once_more() {
        Broker.refuseSends(message -> message.getAddress().equals("refunds")
                && message.getIntProperty("rebound_attempt") != null && message.getIntProperty("rebound_attempt") > 1);
        commands.send(new Refunds.Refund("r-3", true));
        await().atMost(Duration.ofSeconds(30)).until(() -> !logged.startingWith("REBOUND-3020").isEmpty());

        Broker.acceptSends();

        // the kept retry is re-sent on the redelivery: the first attempt and two retries, then the dead letter
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.count() == 1);
        assertThat(refunds.calls("r-3")).isEqualTo(3);
        assertThat(deadLetters.list(0, 1).get(0).failure().exceptionMessage()).isEqualTo("bank refused r-3");
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("refunds") == 0);
    }
}
