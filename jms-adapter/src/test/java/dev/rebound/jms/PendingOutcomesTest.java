package dev.rebound.jms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.ErrorMessage;
import dev.rebound.Failure;
import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import dev.rebound.spi.Outcome;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Decisions waiting for a redelivery keep no payload and no exception, and are bounded by size, not only count. */
class PendingOutcomesTest {

    private static Decision deadLetter(String payload, int messageLength) {
        UUID id = UUID.randomUUID();
        Message message = new Message(payload, new MessageHeaders(id, id, null, Instant.now(), null, Map.of()));
        ErrorMessage error = new ErrorMessage(message, new Failure("java.lang.IllegalStateException",
                "x".repeat(messageLength), "java.lang.IllegalStateException", "x".repeat(messageLength), "trace", null),
                "Handler#handle", "channel c", 1, Instant.now(), new IllegalStateException("x".repeat(messageLength)));
        return Decision.of(new Outcome.Deliver("rebound.deadLetter", error), null, null);
    }

    @Test
    void kept_decision_holds_neither_the_payload_nor_the_exception_and_cuts_long_messages() throws Exception {
        PendingOutcomes pending = new PendingOutcomes(10);
        pending.keep("a", deadLetter("p".repeat(1_000_000), 100_000));

        Decision kept = pending.take("a", 0);
        assertThat(kept.error()).isNull();
        assertThat(kept.failure().cause().exceptionMessage()).hasSizeLessThanOrEqualTo(FailureText.MAX_MESSAGE_LENGTH);
        assertThat(kept.failure().cause().rootCauseMessage()).hasSizeLessThanOrEqualTo(FailureText.MAX_MESSAGE_LENGTH);
        assertThat(kept.size()).isLessThan(10_000);
    }

    @Test
    void eldest_decisions_are_dropped_when_the_texts_exceed_the_size_bound() throws Exception {
        PendingOutcomes pending = new PendingOutcomes(10_000, 50_000);
        for (int i = 0; i < 100; i++) {
            pending.keep("m-" + i, deadLetter("p", 4_000));
        }

        assertThat(pending.chars()).isLessThanOrEqualTo(50_000);
        assertThat(pending.size()).isLessThan(100).isPositive();
        assertThat(pending.take("m-0", 0)).isNull();                 // the eldest went
        assertThat(pending.take("m-99", 0)).isNotNull();             // the newest stays
        assertThat(pending.take("m-99", 0)).isNull();                // taken once
    }
}
