package dev.rebound.scenarios.errorchannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.CommandBus;
import dev.rebound.ErrorMessage;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@ReboundTest(beans = {PaymentBus.class, DiscardingBus.class, PaymentHandler.class, PaymentErrors.class})
class ErrorChannelTest {

    @Inject
    PaymentBus paymentBus;
    @Inject
    DiscardingBus discardingBus;
    @Inject
    CommandBus plainBus;
    @Inject
    PaymentErrors errors;
    @Inject
    PaymentHandler handler;

    @Test
    void failed_command_reaches_the_internal_handler_as_an_error_message_and_the_caller_gets_null() {
        Object result = paymentBus.send(new ChargeCard("c-1", 500), Map.of("tenant", "acme"));

        assertThat(result).isNull();
        assertThat(errors.received()).hasSize(1);
        ErrorMessage error = errors.received().get(0);
        assertThat(error.originalMessage().payload()).isEqualTo(new ChargeCard("c-1", 500));
        assertThat(error.originalMessage().headers().metadata()).containsEntry("tenant", "acme");
        assertThat(error.failure().exceptionClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(error.failure().exceptionMessage()).isEqualTo("card declined");
        assertThat(error.failure().rootCauseClass()).isEqualTo(java.io.IOException.class.getName());
        assertThat(error.failure().rootCauseMessage()).isEqualTo("gateway timeout");
        assertThat(error.handler()).isEqualTo(PaymentHandler.class.getName() + "#charge");
        assertThat(error.origin()).isEqualTo(PaymentBus.class.getName() + "#send");
        assertThat(error.attempts()).isEqualTo(1);
        assertThat(error.exception()).isSameAs(handler.lastThrown());
        assertThat(error.failure().stackTrace()).contains("card declined").contains("PaymentHandler.charge");
        assertThat(errors.tenants()).containsExactly("acme");
    }

    @Test
    void failing_error_handler_lets_the_original_exception_propagate_with_its_failure_suppressed() {
        errors.fail();

        assertThatThrownBy(() -> paymentBus.send(new ChargeCard("c-2", 100)))
                .satisfies(e -> assertThat(e).isSameAs(handler.lastThrown()))
                .satisfies(e -> assertThat(e.getSuppressed()).anySatisfy(s ->
                        assertThat(s).isInstanceOf(IllegalArgumentException.class).hasMessage("alerting is down")));
    }

    @Test
    void without_an_error_channel_the_original_exception_propagates_unchanged() {
        assertThatThrownBy(() -> plainBus.send(new ChargeCard("c-3", 100)))
                .satisfies(e -> assertThat(e).isSameAs(handler.lastThrown()));
        assertThat(errors.received()).isEmpty();
    }

    @Test
    void null_channel_discards_the_failure() {
        assertThat((Object) discardingBus.send(new ChargeCard("c-4", 100))).isNull();
        assertThat(errors.received()).isEmpty();
    }
}
