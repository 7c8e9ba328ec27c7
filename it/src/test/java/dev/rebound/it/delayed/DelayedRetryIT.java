package dev.rebound.it.delayed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.it.support.Calls;
import dev.rebound.it.support.Fault;
import dev.rebound.it.support.ReboundWar;
import dev.rebound.it.support.Rows;
import jakarta.inject.Inject;
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
 * An asynchronous handler with @DelayedRetry on the embedded messaging engine: each retry is re-sent with a
 * JMS delivery delay, and the engine must not deliver it earlier.
 */
@ExtendWith(ArquillianExtension.class)
class DelayedRetryIT {

    @Deployment
    static WebArchive deployment() {
        return ReboundWar.named("delayed").packageOf(Payments.class).queue("payments", "itDelayed").build();
    }

    @Inject
    Payments payments;
    @Inject
    Calls calls;
    @Inject
    Rows rows;
    @Inject
    Fault fault;
    @Inject
    DeadLetters deadLetters;

    @BeforeEach
    void reset() {
        fault.off();
        deadLetters.deleteAll();
    }

    @Test
    void failing_payment_is_retried_after_its_delay_each_time_then_lands_in_the_dead_letter() {
        fault.failAlways();
        String id = UUID.randomUUID().toString();

        assertThat(payments.request(id)).isNull();

        DeadLetter letter = await().atMost(Duration.ofSeconds(40)).until(() -> deadLetterOf(id), Optional::isPresent)
                .orElseThrow();
        List<Instant> attempts = calls.times(id);
        assertThat(attempts).hasSize(3);
        for (int i = 1; i < attempts.size(); i++) {
            assertThat(Duration.between(attempts.get(i - 1), attempts.get(i)))
                    .as("retry %d must not be handled before its delivery delay", i)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(Payments.DELAY_MS - 100));
        }
        assertThat(letter.attempts()).isEqualTo(3);
        assertThat(letter.handler()).isEqualTo(Payments.class.getName() + "#charge");
        assertThat(letter.failure().exceptionMessage()).startsWith("fault switched on: payment provider down");
        assertThat(rows.count(id)).as("every attempt's row was rolled back").isZero();
    }

    @Test
    void payment_failing_once_succeeds_on_its_delayed_retry_and_leaves_no_dead_letter() {
        fault.failTimes(1);
        String id = UUID.randomUUID().toString();

        payments.request(id);

        await().atMost(Duration.ofSeconds(20)).until(() -> rows.count(id) == 1);
        List<Instant> attempts = calls.times(id);
        assertThat(attempts).hasSize(2);
        assertThat(Duration.between(attempts.get(0), attempts.get(1)))
                .isGreaterThanOrEqualTo(Duration.ofMillis(Payments.DELAY_MS - 100));
        assertThat(rows.exists(id + "-2")).as("the successful attempt's row").isTrue();
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void dead_letter_of_an_asynchronous_handler_is_replayed_once_the_provider_is_back() {
        fault.failAlways();
        String id = UUID.randomUUID().toString();
        payments.request(id);
        DeadLetter letter = await().atMost(Duration.ofSeconds(40)).until(() -> deadLetterOf(id), Optional::isPresent)
                .orElseThrow();

        fault.off();

        assertThat(deadLetters.replay(letter.id())).isTrue();
        assertThat(rows.count(id)).isEqualTo(1);
        assertThat(deadLetters.show(letter.id())).isEmpty();
    }

    private Optional<DeadLetter> deadLetterOf(String paymentId) {
        return deadLetters.list(0, 100).stream()
                .filter(letter -> new ChargePayment(paymentId).equals(letter.payload())).findFirst();
    }
}
