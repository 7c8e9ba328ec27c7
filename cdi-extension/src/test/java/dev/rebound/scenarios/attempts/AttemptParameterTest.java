package dev.rebound.scenarios.attempts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.Attempt;
import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A handler declaring an {@link Attempt} parameter sees which attempt it runs: instant retries count on from the
 * first call, and a replay of the dead letter continues after the dead letter's attempts. (Delayed retries through a
 * broker: the jms-adapter's {@code DelayedAttemptTest}.)
 */
@ReboundTest(beans = {Deliveries.DeliveryBus.class, Deliveries.Courier.class})
class AttemptParameterTest {

    @Inject
    Deliveries.DeliveryBus bus;
    @Inject
    Deliveries.Courier courier;
    @Inject
    DeadLetters deadLetters;

    @Test
    void instant_retries_see_attempts_one_two_three_and_the_replay_continues_at_four() {
        bus.send(new Deliveries.Deliver("p-1"));

        assertThat(courier.attempts()).containsExactly(new Attempt(1, false), new Attempt(2, false),
                new Attempt(3, false));
        assertThat(courier.attempts()).extracting(Attempt::isRetry).containsExactly(false, true, true);
        DeadLetter letter = deadLetters.list(0, 1).get(0);
        assertThat(letter.attempts()).isEqualTo(3);

        assertThat(deadLetters.replay(letter.id())).as("still failing").isFalse();
        assertThat(courier.attempts()).last().isEqualTo(new Attempt(4, true));
        assertThat(deadLetters.list(0, 1).get(0).attempts()).as("the failed replay counted").isEqualTo(4);

        courier.heal();
        assertThat(deadLetters.replay(letter.id())).isTrue();
        assertThat(courier.attempts()).last().isEqualTo(new Attempt(5, true));
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void a_new_send_starts_again_at_the_first_attempt() {
        courier.heal();
        bus.send(new Deliveries.Deliver("p-2"));
        bus.send(new Deliveries.Deliver("p-3"));

        assertThat(courier.attempts()).containsExactly(new Attempt(1, false), new Attempt(1, false));
    }
}
