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

    @Test
    void a_redelivery_announced_by_another_node_waits_for_its_decision_and_takes_it_once() throws Exception {
        PendingOutcomes pending = new PendingOutcomes(10);
        Decision decided = deadLetter("p", 10).kept();
        java.util.concurrent.CompletableFuture<Decision> taken = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return pending.takeAnnounced("m", 5_000, 5_000);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
        pending.routingElsewhere("m");             // the other node rolled back and routes
        Thread.sleep(100);                         // the redelivery here waits on the announced entry
        pending.decidedElsewhere("m", decided);

        assertThat(taken.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(decided);
        assertThat(pending.size()).isZero();
        assertThat(pending.take("m", 0)).isNull();
    }

    @Test
    void a_decision_of_this_node_wins_over_another_nodes_and_nothing_announced_runs_the_handler() throws Exception {
        PendingOutcomes pending = new PendingOutcomes(10);
        Decision own = deadLetter("own", 10).kept();
        pending.keep("m", own);
        pending.routingElsewhere("m");
        pending.decidedElsewhere("m", deadLetter("other", 10).kept());

        assertThat(pending.take("m", 0)).isSameAs(own);
        long start = System.nanoTime();
        assertThat(pending.takeAnnounced("n", 200, 5_000)).isNull();        // nobody announced it: the handler runs
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(150L, 4_000L);
    }

    @Test
    void a_settled_notice_drops_what_another_node_announced() throws Exception {
        PendingOutcomes pending = new PendingOutcomes(10);
        pending.routingElsewhere("m");
        pending.decidedElsewhere("m", deadLetter("p", 10).kept());
        pending.forget("m");

        assertThat(pending.size()).isZero();
        assertThat(pending.take("m", 0)).isNull();
    }
}
