package dev.rebound.scenarios.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@ReboundTest(beans = {SelectiveRetryBus.class, OuterBus.class, InnerBus.class, RetryHandlers.class})
class InstantRetryTest {

    @Inject
    SelectiveRetryBus selective;
    @Inject
    OuterBus outer;
    @Inject
    InnerBus inner;
    @Inject
    RetryHandlers handlers;

    @Test
    void listed_exception_is_retried_the_configured_number_of_times_then_propagates() {
        assertThatThrownBy(() -> selective.send(new Commands.Flaky("transient")))
                .isInstanceOf(TransientException.class).hasMessage("try again");
        assertThat(handlers.calls("flaky")).isEqualTo(4);
    }

    @Test
    void exception_not_listed_is_not_retried() {
        assertThatThrownBy(() -> selective.send(new Commands.Flaky("permanent")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("bad command");
        assertThat(handlers.calls("flaky")).isEqualTo(1);
    }

    @Test
    void nested_entry_point_does_not_multiply_retries_of_the_outer_one() {
        assertThatThrownBy(() -> outer.send(new Commands.Outer("o-1")))
                .isInstanceOf(TransientException.class).hasMessage("inner always fails");
        assertThat(handlers.calls("outer")).isEqualTo(3);
        assertThat(handlers.calls("inner")).isEqualTo(3);
    }

    @Test
    void entry_point_called_on_its_own_retries_with_its_own_setting() {
        assertThatThrownBy(() -> inner.send(new Commands.Inner("i-1"))).isInstanceOf(TransientException.class);
        assertThat(handlers.calls("inner")).isEqualTo(6);
    }
}
