package dev.rebound.scenarios.failurelog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.testing.Deployments;
import dev.rebound.testsupport.LogRecords;
import dev.rebound.testsupport.Postgres;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A synchronous failure leaves a trace in the log like an asynchronous one: each instant retry, and the capture by
 * the error channel; how much of the exception text is logged is configurable ({@code rebound.log.*}).
 */
class SynchronousFailureLogTest {

    private static final String ORIGIN = Cards.DeadLetteringCards.class.getName() + "#send";

    @BeforeEach
    void clean() {
        Postgres.execute("DELETE FROM rebound_dead_letter");
    }

    private static LogRecords chargeThroughDeadLetteringCards(Map<String, String> config) {
        LogRecords log = LogRecords.capture();
        try (WeldContainer container = Deployments.weld(config, Cards.DeadLetteringCards.class,
                Cards.Processor.class).initialize()) {
            assertThat((Object) container.select(Cards.DeadLetteringCards.class).get()
                    .send(new Cards.Charge("4111-1111"))).isNull();
        } finally {
            log.close();
        }
        return log;
    }

    @Test
    void each_instant_retry_and_the_dead_letter_capture_are_logged() {
        LogRecords log = chargeThroughDeadLetteringCards(Map.of());

        List<LogRecord> retries = log.containing("REBOUND-1031");
        assertThat(retries).hasSize(2).allSatisfy(r -> assertThat(r.getLevel()).isEqualTo(Level.INFO));
        assertThat(LogRecords.message(retries.get(0))).contains(ORIGIN, "attempt 1",
                "java.lang.IllegalStateException: card 4111-1111 declined by the issuer", "retry 1 of 2");
        assertThat(LogRecords.message(retries.get(1))).contains("attempt 2", "retry 2 of 2");
        List<LogRecord> captured = log.containing("REBOUND-1032");
        assertThat(captured).singleElement().satisfies(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.WARNING);
            assertThat(LogRecords.message(r)).contains(ORIGIN, "after 3 attempt(s)", "card 4111-1111 declined",
                    "channel deadLetter").doesNotContain("\n");
        });
        String messageId = LogRecords.message(captured.get(0)).split(" ")[2];
        assertThat(LogRecords.message(retries.get(0))).contains("Message " + messageId + " ");
    }

    @Test
    void capture_by_an_internal_handler_channel_is_logged() {
        try (LogRecords log = LogRecords.capture();
             WeldContainer container = Deployments.weld(Map.of(), Cards.AlertingCards.class, Cards.Processor.class,
                     Cards.Alerts.class).initialize()) {
            container.select(Cards.AlertingCards.class).get().send(new Cards.Charge("5500-0000"));

            assertThat(log.containing("REBOUND-1032")).singleElement().satisfies(r -> {
                assertThat(r.getLevel()).isEqualTo(Level.WARNING);
                assertThat(LogRecords.message(r)).contains(Cards.AlertingCards.class.getName() + "#send",
                        "after 1 attempt(s)", "card 5500-0000 declined", "channel cardFailures");
            });
        }
    }

    @Test
    void retries_can_be_logged_at_fine_or_not_at_all() {
        assertThat(chargeThroughDeadLetteringCards(Map.of("rebound.log.retries", "fine")).containing("REBOUND-1031"))
                .hasSize(2).allSatisfy(r -> assertThat(r.getLevel()).isEqualTo(Level.FINE));

        LogRecords off = chargeThroughDeadLetteringCards(Map.of("rebound.log.retries", "off"));
        assertThat(off.containing("REBOUND-1031")).isEmpty();
        assertThat(off.containing("REBOUND-1032")).hasSize(1);
    }

    @Test
    void failure_detail_type_keeps_the_exception_text_out_of_the_log() {
        LogRecords log = chargeThroughDeadLetteringCards(Map.of("rebound.log.failure-detail", "type"));

        assertThat(log.containing("REBOUND-103")).hasSize(3)
                .allSatisfy(r -> assertThat(LogRecords.message(r)).contains("java.lang.IllegalStateException"));
        assertThat(log.all()).noneMatch(message -> message.contains("4111-1111") || message.contains("declined"));
    }

    @Test
    void unknown_log_setting_fails_deployment() {
        assertThat(Deployments.messages(Deployments.failure(Map.of("rebound.log.retries", "loud"),
                Cards.Processor.class))).contains("REBOUND-2011", "rebound.log.retries=loud", "info, fine, off");
    }
}
