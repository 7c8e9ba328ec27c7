package dev.rebound.scenarios.unrecoverable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.testing.Deployments;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@ReboundTest(beans = {Orders.class, OrderBus.class, PlainRetryBus.class},
        config = "rebound.retry.abort-on=dev.rebound.scenarios.unrecoverable.OutOfStockException")
class GlobalAbortOnTest {

    @Inject
    PlainRetryBus plain;
    @Inject
    OrderBus orders;
    @Inject
    Orders handler;

    @Test
    void only_an_exception_in_the_global_list_is_retried_by_no_instant_retry() {
        assertThatThrownBy(() -> plain.send(new Orders.Place("g-1", "unstocked")))
                .isInstanceOf(OutOfStockException.class).hasMessage("nothing left for g-1");
        orders.send(new Orders.Place("g-2", "unstocked"));

        assertThat(handler.calls()).containsExactly("g-1", "g-2");
        assertThat(handler.errors()).singleElement()
                .satisfies(error -> assertThat(error.attempts()).isEqualTo(1));

        assertThatThrownBy(() -> plain.send(new Orders.Place("g-3", "flaky")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(handler.calls()).as("other exceptions are retried").containsExactly("g-1", "g-2",
                "g-3", "g-3", "g-3", "g-3");
    }

    @Test
    void an_unknown_class_in_the_global_list_fails_deployment() {
        assertThat(Deployments.messages(Deployments.failure(Map.of("rebound.retry.abort-on",
                "java.lang.IllegalStateException, com.example.NoSuchException"), Orders.class)))
                .contains("REBOUND-2080", "rebound.retry.abort-on", "com.example.NoSuchException");
    }
}
