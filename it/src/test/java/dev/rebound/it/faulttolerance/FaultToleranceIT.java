package dev.rebound.it.faulttolerance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.it.support.Calls;
import dev.rebound.it.support.Fault;
import dev.rebound.it.support.ReboundWar;
import dev.rebound.it.support.Rows;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MicroProfile Fault Tolerance on a handler, under Rebound's retries: FT wraps the handler call, so its
 * retries run first and inside Rebound's transaction; each of Rebound's attempts runs FT's strategy again.
 */
@ExtendWith(ArquillianExtension.class)
class FaultToleranceIT {

    @Deployment
    static WebArchive deployment() {
        return ReboundWar.named("faulttolerance").packageOf(PriceProvider.class).queue("quotes", "itFaultTolerance")
                .build();
    }

    @Inject
    PriceProvider provider;
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
    void ft_retries_inside_each_rebound_attempt_so_the_body_runs_three_times_two() {
        fault.failAlways();
        String id = UUID.randomUUID().toString();

        assertThatThrownBy(() -> provider.price(new Quote(id)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("price feed down");

        assertThat(calls.count(id)).as("(1 + 2 FT retries) x (1 + 1 Rebound retry)").isEqualTo(6);
        assertThat(rows.count(id)).as("both of Rebound's transactions rolled back").isZero();
    }

    @Test
    void ft_retry_shares_rebounds_transaction_so_a_failed_calls_writes_are_kept() {
        fault.failTimes(1);
        String id = UUID.randomUUID().toString();

        assertThat(provider.price(new Quote(id))).isEqualTo("42.00");

        assertThat(calls.count(id)).isEqualTo(2);
        assertThat(rows.count(id)).as("the failed call's row commits with the successful one").isEqualTo(2);
    }

    @Test
    void rebound_retry_after_ft_gives_up_starts_a_fresh_transaction() {
        fault.failTimes(4);
        String id = UUID.randomUUID().toString();

        assertThat(provider.price(new Quote(id))).isEqualTo("42.00");

        assertThat(calls.count(id)).as("3 FT calls fail, Rebound retries: 1 fails, 1 succeeds").isEqualTo(5);
        assertThat(rows.count(id)).as("only the second transaction's two calls").isEqualTo(2);
    }

    @Test
    void ft_timeout_interrupts_a_hanging_call_and_rebounds_instant_retry_succeeds() {
        String id = UUID.randomUUID().toString();

        assertThat(provider.price(new SlowQuote(id))).isEqualTo("42.00");

        assertThat(calls.count(id)).isEqualTo(2);
    }

    @Test
    void open_circuit_fails_rebounds_later_attempts_without_running_the_body() {
        String id = UUID.randomUUID().toString();

        assertThat(provider.priceGuarded(new GuardedQuote(id))).as("ended in the dead letter").isNull();

        assertThat(calls.count(id)).as("2 of Rebound's 4 attempts reached the body").isEqualTo(2);
        DeadLetter letter = deadLetters.list(0, 10).get(0);
        assertThat(letter.payload()).isEqualTo(new GuardedQuote(id));
        assertThat(letter.failure().exceptionClass()).isEqualTo(CircuitBreakerOpenException.class.getName());
        assertThat(letter.attempts()).isEqualTo(4);
    }

    @Test
    void ft_retry_runs_inside_each_delivery_of_an_asynchronous_handler_with_delayed_retries() {
        String id = UUID.randomUUID().toString();

        provider.requestRefresh(new RefreshQuote(id));

        DeadLetter letter = await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.list(0, 10).stream()
                .filter(l -> new RefreshQuote(id).equals(l.payload())).findFirst(), Optional::isPresent).orElseThrow();
        assertThat(calls.count(id)).as("(1 + 1 FT retry) x (1 + 1 delayed retry)").isEqualTo(4);
        assertThat(letter.attempts()).isEqualTo(2);
    }
}
