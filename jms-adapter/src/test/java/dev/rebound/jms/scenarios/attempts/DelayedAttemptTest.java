package dev.rebound.jms.scenarios.attempts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.Attempt;
import dev.rebound.CommandBus;
import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The attempt number travels with the message through the broker's delayed retries, and on into the replay. */
@ReboundTest(beans = {Parcels.class}, profile = AsyncDeployments.Async.class)
class DelayedAttemptTest {

    static {
        Broker.purge("sorting");
    }

    @Inject
    CommandBus commands;
    @Inject
    Parcels parcels;
    @Inject
    DeadLetters deadLetters;

    @Test
    void delayed_retries_count_on_from_the_first_delivery_and_the_replay_continues_after_the_dead_letter() {
        commands.send(new Parcels.Sort("s-1"));

        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters.count() == 1);
        assertThat(parcels.attempts()).containsExactly(new Attempt(1, false), new Attempt(2, false),
                new Attempt(3, false));
        DeadLetter letter = deadLetters.list(0, 1).get(0);
        assertThat(letter.attempts()).as("maxRetries = 2: three attempts").isEqualTo(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("sorting") == 0);

        parcels.heal();
        assertThat(deadLetters.replay(letter.id())).isTrue();
        assertThat(parcels.attempts()).hasSize(4).last().isEqualTo(new Attempt(4, true));
    }
}
