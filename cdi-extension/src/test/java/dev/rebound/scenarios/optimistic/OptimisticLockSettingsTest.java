package dev.rebound.scenarios.optimistic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.testing.Deployments;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code rebound.optimistic-lock.max-retries=0} turns the retries off; a gateway's own key turns them on again. */
@ReboundTest(beans = {Counters.CounterBus.class, Counters.PlainCounterBus.class, Counters.Incrementer.class},
        tables = "rebound_test_counter", config = {"rebound.optimistic-lock.max-retries=0",
                "dev.rebound.scenarios.optimistic.Counters$PlainCounterBus/OptimisticLockRetry/maxRetries=1"})
class OptimisticLockSettingsTest {

    @Inject
    Counters.CounterBus bus;
    @Inject
    Counters.PlainCounterBus plainBus;
    @Inject
    Counters.Incrementer incrementer;
    @Inject
    DeadLetters deadLetters;

    @Test
    void with_no_retries_the_first_conflict_goes_to_the_error_channel() {
        Counter.create("s-1");
        incrementer.interfere(1);

        bus.send(Counters.Increment.of("s-1"));

        assertThat(incrementer.attempts()).hasSize(1);
        DeadLetter letter = deadLetters.list(0, 1).get(0);
        assertThat(letter.attempts()).isEqualTo(1);
        assertThat(Counter.value("s-1")).isZero();
    }

    @Test
    void a_gateways_own_budget_overrides_the_global_one() {
        Counter.create("s-2");
        incrementer.interfere(1);

        plainBus.send(Counters.Increment.of("s-2"));

        assertThat(incrementer.attempts()).hasSize(2);
        assertThat(Counter.value("s-2")).isEqualTo(1);
    }

    @Test
    void bad_values_fail_deployment_quoting_key_and_value() {
        assertThat(Deployments.messages(Deployments.failure(Map.of("rebound.optimistic-lock.max-retries", "-1"),
                Counters.Incrementer.class))).contains("REBOUND-2100", "rebound.optimistic-lock.max-retries=-1");
        assertThat(Deployments.messages(Deployments.failure(Map.of("rebound.optimistic-lock.jitter", "2"),
                Counters.Incrementer.class))).contains("REBOUND-2100", "rebound.optimistic-lock.jitter=2");
        assertThat(Deployments.messages(Deployments.failure(Map.of("rebound.optimistic-lock.initial-delay-ms", "500",
                "rebound.optimistic-lock.max-delay-ms", "100"), Counters.Incrementer.class)))
                .contains("REBOUND-2101", "initial-delay-ms=500", "max-delay-ms=100");
        assertThat(Deployments.messages(Deployments.failure(Map.of(
                Counters.Incrementer.class.getName() + "/increment/OptimisticLockRetry/maxRetries", "lots"),
                Counters.Incrementer.class))).contains("REBOUND-2100",
                Counters.Incrementer.class.getName() + "/increment/OptimisticLockRetry/maxRetries=lots");
        assertThat(Deployments.messages(Deployments.failure(Map.of(
                Counters.PlainCounterBus.class.getName() + "/OptimisticLockRetry/maxRetries", "-2"),
                Counters.PlainCounterBus.class, Counters.Incrementer.class))).contains("REBOUND-2100",
                Counters.PlainCounterBus.class.getName() + "/OptimisticLockRetry/maxRetries=-2");
    }
}
