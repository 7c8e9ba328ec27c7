package dev.rebound.opentelemetry.deadletter;

import static dev.rebound.opentelemetry.testing.Spans.attributes;
import static dev.rebound.opentelemetry.testing.TestTelemetry.asCaller;
import static dev.rebound.opentelemetry.testing.TestTelemetry.await;
import static dev.rebound.opentelemetry.testing.TestTelemetry.links;
import static dev.rebound.opentelemetry.testing.TestTelemetry.span;
import static dev.rebound.opentelemetry.testing.TestTelemetry.spans;
import static dev.rebound.opentelemetry.testing.TestTelemetry.traceparent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.CommandBus;
import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.opentelemetry.TracingInterceptor;
import dev.rebound.opentelemetry.testing.InMemoryStore;
import dev.rebound.opentelemetry.testing.TestTelemetry;
import dev.rebound.testsupport.ReboundTest;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delayed retries ending in the dead letter, then a replay (the default, {@code rebound.tracing.delayed-retry=link}):
 * the retry's send ends the failed attempt's trace, the next delivery starts a new trace linked to the failed
 * attempt and to the creation, the dead letter is its own ERROR span under the last attempt, the stored headers keep
 * the creation's and the last attempt's context, and the replay is a root linked to both.
 */
@ReboundTest(beans = {TracingInterceptor.class, TestTelemetry.class, InMemoryStore.class, Invoices.class})
class DeadLetterAndReplayTest {

    @Inject
    CommandBus bus;
    @Inject
    Invoices invoices;
    @Inject
    DeadLetters deadLetters;

    @BeforeEach
    void forget() {
        TestTelemetry.reset();
    }

    @Test
    void a_delayed_retry_starts_a_new_trace_linked_to_the_failed_attempt_and_the_creation_then_the_dead_letter_span() {
        SpanData caller = asCaller(() -> bus.send(new Invoices.SendInvoice("i-1")));

        SpanData deadLettered = await("dead_letter invoices", 1).get(0);
        List<SpanData> sends = spans("send invoices");
        List<SpanData> attempts = spans("process invoices");
        assertThat(sends).hasSize(2);
        assertThat(attempts).hasSize(2);
        SpanData creation = sends.get(0);
        SpanData retrySend = sends.get(1);
        SpanData first = attempts.get(0);
        SpanData second = attempts.get(1);

        // trace 1: the caller, the creation, the first attempt (failed) and the retry's send
        assertThat(creation.getParentSpanId()).isEqualTo(caller.getSpanId());
        assertThat(first.getParentSpanId()).isEqualTo(creation.getSpanId());
        assertThat(first.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(attributes(first)).containsEntry("error.type", IllegalStateException.class.getName())
                .containsEntry("rebound.retry.attempt", 1L);
        assertThat(retrySend.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(retrySend.getTraceId()).isEqualTo(caller.getTraceId());
        assertThat(retrySend.getParentSpanId()).isEqualTo(first.getSpanId());
        assertThat(attributes(retrySend)).containsEntry("rebound.retry.kind", "delayed")
                .containsEntry("messaging.system", "in-memory");
        assertThat(links(retrySend)).isEqualTo(Map.of("creation", creation.getSpanId()));

        // trace 2: the delivery after the delay, a root linked to the failed attempt and to the creation
        assertThat(second.getTraceId()).isNotEqualTo(caller.getTraceId());
        assertThat(second.getParentSpanContext().isValid()).isFalse();
        assertThat(second.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(links(second)).isEqualTo(Map.of("creation", creation.getSpanId(),
                "previous_attempt", first.getSpanId()));
        assertThat(attributes(second)).containsEntry("rebound.retry.kind", "delayed")
                .containsEntry("messaging.system", "in-memory")
                .containsEntry("rebound.retry.attempt", 2L)
                .containsEntry("error.type", IllegalStateException.class.getName());

        // the dead letter: its own span, ERROR, under the last attempt
        assertThat(deadLettered.getKind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(deadLettered.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(deadLettered.getTraceId()).isEqualTo(second.getTraceId());
        assertThat(deadLettered.getParentSpanId()).isEqualTo(second.getSpanId());
        // messaging.system: the transport of the channel the last attempt came from
        assertThat(attributes(deadLettered)).containsEntry("error.type", IllegalStateException.class.getName())
                .containsEntry("messaging.system", "in-memory")
                .containsEntry("rebound.handler", Invoices.class.getName() + "#send")
                .containsEntry("messaging.message.id", attributes(creation).get("messaging.message.id"));
        assertThat(links(deadLettered)).isEqualTo(Map.of("creation", creation.getSpanId()));

        // the stored dead letter keeps the creation's context and the last attempt's (not the one before the send)
        DeadLetter letter = deadLetters.list(0, 10).get(0);
        assertThat(letter.headers().metadata())
                .containsEntry("rebound-creation-traceparent", traceparent(creation))
                .containsEntry("rebound-attempt-traceparent", traceparent(second))
                .containsEntry("traceparent", traceparent(retrySend));
    }

    @Test
    void a_replay_is_a_root_span_linked_to_the_creation_the_failed_attempt_and_who_replayed_it() {
        asCaller(() -> bus.send(new Invoices.SendInvoice("i-2")));
        await("dead_letter invoices", 1);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.count() == 1);
        SpanData creation = spans("send invoices").get(0);
        SpanData last = await("process invoices", 2).get(1);
        invoices.recover();

        boolean[] replayed = new boolean[1];
        SpanData operator = asCaller(() -> replayed[0] = deadLetters.replay(deadLetters.list(0, 10).get(0).id()));

        assertThat(replayed[0]).isTrue();

        SpanData replay = span("replay invoices");
        assertThat(replay.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(replay.getParentSpanContext().isValid()).isFalse();
        assertThat(replay.getTraceId()).isNotIn(creation.getTraceId(), last.getTraceId());
        assertThat(replay.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        // linked to the attempt that failed last (attempt 2, the one the dead letter came from), not to attempt 1
        assertThat(links(replay)).isEqualTo(Map.of("creation", creation.getSpanId(),
                "previous_attempt", last.getSpanId(), "ambient", operator.getSpanId()));
        assertThat(replay.getTraceId()).isNotEqualTo(operator.getTraceId());
        assertThat(attributes(replay)).containsEntry("rebound.retry.kind", "replay")
                .containsEntry("messaging.operation.name", "replay")
                .containsEntry("messaging.operation.type", "process")
                .containsEntry("messaging.destination.name", "invoices")
                .containsEntry("messaging.system", "in-memory")
                .containsEntry("rebound.retry.attempt", 3L);
        assertThat(spans("dead_letter invoices")).hasSize(1);
    }

    @Test
    void a_failed_replay_keeps_the_stored_context_so_the_next_replay_links_to_the_attempt_before_the_dead_letter() {
        asCaller(() -> bus.send(new Invoices.SendInvoice("i-3")));
        await("dead_letter invoices", 1);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.count() == 1);
        SpanData creation = spans("send invoices").get(0);
        SpanData last = await("process invoices", 2).get(1);
        UUID id = deadLetters.list(0, 10).get(0).id();
        Map<String, String> stored = deadLetters.show(id).orElseThrow().headers().metadata();

        assertThat(deadLetters.replay(id)).isFalse();                  // the mail server is still down

        SpanData failedReplay = span("replay invoices");
        assertThat(failedReplay.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(links(failedReplay)).isEqualTo(Map.of("creation", creation.getSpanId(),
                "previous_attempt", last.getSpanId()));
        // the failed replay is dead-lettered again: its own dead_letter span, under the failed replay
        SpanData again = await("dead_letter invoices", 2).get(1);
        assertThat(again.getParentSpanId()).isEqualTo(failedReplay.getSpanId());
        assertThat(again.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        // but the row keeps the headers it was stored with: the replay's context is not written into them
        assertThat(deadLetters.show(id).orElseThrow().headers().metadata()).isEqualTo(stored)
                .containsEntry("rebound-attempt-traceparent", traceparent(last));

        invoices.recover();
        assertThat(deadLetters.replay(id)).isTrue();

        SpanData replay = await("replay invoices", 2).get(1);
        assertThat(replay.getSpanId()).isNotEqualTo(failedReplay.getSpanId());
        assertThat(replay.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        // linked to the attempt that failed before the dead letter was stored, not to the failed replay
        assertThat(links(replay)).isEqualTo(Map.of("creation", creation.getSpanId(),
                "previous_attempt", last.getSpanId()));
    }
}
