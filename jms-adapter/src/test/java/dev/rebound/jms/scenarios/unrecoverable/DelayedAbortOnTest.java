package dev.rebound.jms.scenarios.unrecoverable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.LogRecords;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@ReboundTest(beans = {Billing.class}, profile = AsyncDeployments.Async.class, config = {
        "rebound.error-handler.refunds.initial-delay-ms=100",
        "rebound.error-handler.refunds.max-retries=5",
        "rebound.error-handler.refunds.dead-letter-channel=deadLetter",
        "rebound.error-handler.refunds.abort-on=dev.rebound.jms.scenarios.unrecoverable.InvalidInvoiceException"})
class DelayedAbortOnTest {

    static {
        Broker.purge("invoices");
        Broker.purge("refunds");
    }

    @Inject
    CommandBus commands;
    @Inject
    Billing billing;
    @Inject
    DeadLetters deadLetters;

    @Test
    void only_an_exception_in_abort_on_goes_straight_to_the_dead_letter_after_one_attempt() {
        try (LogRecords log = LogRecords.capture()) {
            commands.send(new Billing.Invoice("i-1", false));

            await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters.count() == 1);
            assertThat(log.messages("REBOUND-1044")).singleElement().asString()
                    .contains("on channel invoices failed on attempt 1").contains("has no customer");
            assertThat(log.messages("REBOUND-1014")).as("no delayed retry").isEmpty();
        }
        DeadLetter letter = deadLetters.list(0, 1).get(0);
        assertThat(letter.attempts()).isEqualTo(1);
        assertThat(letter.failure().exceptionClass()).isEqualTo(InvalidInvoiceException.class.getName());
        assertThat(billing.calls()).containsExactly("i-1");
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("invoices") == 0);

        commands.send(new Billing.Invoice("i-2", true));
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters.count() == 2);
        assertThat(billing.calls()).as("another exception is retried").containsExactly("i-1", "i-2", "i-2", "i-2");
    }

    @Test
    void an_error_handler_configured_with_abort_on_dead_letters_at_once() {
        commands.send(new Billing.Refund("r-1"));

        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters.count() == 1);
        DeadLetter letter = deadLetters.list(0, 1).get(0);
        assertThat(letter.attempts()).isEqualTo(1);
        assertThat(letter.channel()).isEqualTo("refunds");
        assertThat(billing.calls()).containsExactly("r-1");
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("refunds") == 0);
    }
}
