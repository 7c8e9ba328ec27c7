package dev.rebound.jms.scenarios.joined;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.DeadLetters;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.Postgres;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A failed message is handled or dead-lettered, never both: the dead letter commits with the acknowledgement.
 * While the dead letter table is locked, storing it takes longer than the redelivery, which the other consumer
 * gets, waits for the routing; had the dead letter been stored at routing time in a transaction of its own, the
 * redelivery would run the handler again, it would succeed, and the message would be handled and a dead letter.
 */
@ReboundTest(beans = {Ledger.class}, config = "rebound.channel.ledger.concurrent-consumers=2",
        profile = AsyncDeployments.Async.class)
class HandledOrDeadLetteredTest {

    static {
        Broker.purge("ledger");
    }

    @Inject
    CommandBus commands;
    @Inject
    Ledger ledger;
    @Inject
    DeadLetters deadLetters;

    @Test
    void failure_routed_while_the_dead_letter_store_is_slow_is_handled_or_dead_lettered_not_both() throws Exception {
        try (Connection lock = Postgres.server().getPostgresDatabase().getConnection();
             Statement statement = lock.createStatement()) {
            lock.setAutoCommit(false);
            statement.execute("LOCK TABLE rebound_dead_letter IN EXCLUSIVE MODE");   // reads pass, writes wait
            commands.send(new Ledger.Book("b-1"));
            await().atMost(Duration.ofSeconds(30)).until(() -> ledger.calls() >= 1);
            // longer than a redelivery waits for its outcome (receive timeout + failure pause)
            await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> true);
            lock.rollback();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.booked() + deadLetters.count() >= 1);
        await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(5))
                .until(() -> ledger.booked() + deadLetters.count() == 1);
        assertThat(deadLetters.count()).isEqualTo(1);
        assertThat(ledger.calls()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("ledger") == 0);
    }
}
