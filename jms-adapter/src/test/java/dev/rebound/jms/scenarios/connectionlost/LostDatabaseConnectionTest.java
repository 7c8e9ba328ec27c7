package dev.rebound.jms.scenarios.connectionlost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.DeadLetters;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.LogRecords;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A handler that cannot reach its database is not the message's failure (REBOUND-1080): the unit is rolled back,
 * the message comes back as it was (the same attempt, no delayed retry, no dead letter) once the consumer has
 * reconnected, and is handled when the database answers again.
 */
@ReboundTest(beans = {Postings.class}, profile = AsyncDeployments.Async.class)
class LostDatabaseConnectionTest {

    static {
        Broker.purge("postings");
    }

    @Inject
    CommandBus commands;
    @Inject
    Postings postings;
    @Inject
    DeadLetters deadLetters;

    @Test
    void a_lost_database_connection_spends_no_attempt_and_the_message_is_handled_once_it_answers() {
        try (LogRecords log = LogRecords.of("dev.rebound.jms")) {
            commands.send(new Postings.Post("p-1"));

            await().atMost(Duration.ofSeconds(30)).until(() -> postings.posted() == 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("postings") == 0);
            assertThat(postings.attempts()).as("every call the same first attempt")
                    .containsExactly(1, 1, 1, 1);
            assertThat(deadLetters.count()).isZero();
            assertThat(log.containing("REBOUND-3007")).as("the consumer reconnected because of the lost connection")
                    .anyMatch(r -> r.getThrown() != null && r.getThrown().getMessage().startsWith("REBOUND-1080")
                            && r.getThrown().getMessage().contains("channel postings")
                            && r.getThrown().getMessage().contains("refused"));
        }
    }
}
