package dev.rebound.scenarios.unrecoverable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.ErrorMessage;
import dev.rebound.testsupport.LogRecords;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@ReboundTest(beans = {Orders.class, OrderBus.class, PlainRetryBus.class})
class AbortOnTest {

    @Inject
    OrderBus orders;
    @Inject
    PlainRetryBus plain;
    @Inject
    Orders handler;

    @Test
    void only_an_exception_in_abort_on_skips_the_retries_and_goes_to_the_error_channel_after_one_call() {
        try (LogRecords log = LogRecords.capture()) {
            orders.send(new Orders.Place("o-1", "rejected"));

            assertThat(log.messages("REBOUND-1043")).singleElement().asString()
                    .contains(OrderBus.class.getName()).contains("order o-1 is rejected");
            assertThat(log.messages("REBOUND-1031")).isEmpty();
        }
        assertThat(handler.calls()).containsExactly("o-1");
        assertThat(handler.errors()).singleElement().satisfies(error -> {
            assertThat(error.failure().exceptionClass()).isEqualTo(RejectedOrderException.class.getName());
            assertThat(error.attempts()).isEqualTo(1);
        });

        orders.send(new Orders.Place("o-2", "flaky"));
        assertThat(handler.calls()).as("another IllegalStateException is retried").containsExactly("o-1",
                "o-2", "o-2", "o-2", "o-2");
        assertThat(handler.errors()).extracting(ErrorMessage::attempts).containsExactly(1, 4);
    }

    @Test
    void a_message_no_handler_accepts_is_not_retried_by_default() {
        try (LogRecords log = LogRecords.capture()) {
            assertThatThrownBy(() -> plain.send("nobody handles a string"))
                    .isInstanceOf(dev.rebound.NoHandlerException.class);

            assertThat(log.messages("REBOUND-1043")).hasSize(1);
            assertThat(log.messages("REBOUND-1031")).isEmpty();
        }
    }
}
