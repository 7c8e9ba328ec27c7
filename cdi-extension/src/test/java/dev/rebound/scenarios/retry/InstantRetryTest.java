package dev.rebound.scenarios.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.testing.Deployments;
import jakarta.inject.Inject;
import java.util.Map;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

@EnableWeld
class InstantRetryTest {

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Deployments.weld(Map.of(), SelectiveRetryBus.class, OuterBus.class,
            InnerBus.class, RetryHandlers.class)).inject(this).build();

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
