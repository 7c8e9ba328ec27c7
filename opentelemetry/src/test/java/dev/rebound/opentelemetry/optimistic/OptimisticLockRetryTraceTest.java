package dev.rebound.opentelemetry.optimistic;

import static dev.rebound.opentelemetry.testing.Spans.attributes;
import static dev.rebound.opentelemetry.testing.TestTelemetry.asCaller;
import static dev.rebound.opentelemetry.testing.TestTelemetry.await;
import static dev.rebound.opentelemetry.testing.TestTelemetry.links;
import static dev.rebound.opentelemetry.testing.TestTelemetry.spans;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.opentelemetry.TracingInterceptor;
import dev.rebound.opentelemetry.testing.TestTelemetry;
import dev.rebound.testsupport.ReboundTest;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An optimistic-lock conflict retried: on a gateway in place, the next attempt's span beside the failed one; in a
 * transport's unit of work by a resend, as a delayed retry is traced; each linked to the failed attempt, with
 * {@code rebound.retry.kind=optimistic_lock}.
 */
@ReboundTest(beans = {TracingInterceptor.class, TestTelemetry.class, Stock.Handlers.class, Stock.Desk.class})
class OptimisticLockRetryTraceTest {

    @Inject
    Stock.Desk desk;

    @BeforeEach
    void forget() {
        TestTelemetry.reset();
    }

    @Test
    void a_gateways_conflict_retry_is_a_second_handle_span_linked_to_the_failed_one() {
        SpanData caller = asCaller(() -> desk.send(new Stock.Reserve("i-1")));

        List<SpanData> attempts = spans("handle " + Stock.Handlers.class.getName() + "#reserve");
        assertThat(attempts).hasSize(2).allSatisfy(a -> assertThat(a.getParentSpanId()).isEqualTo(caller.getSpanId()));
        assertThat(attempts.get(0).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(attributes(attempts.get(0))).containsEntry("error.type", OptimisticLockException.class.getName());
        assertThat(attempts.get(1).getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(attributes(attempts.get(1))).containsEntry("rebound.retry.kind", "optimistic_lock")
                .containsEntry("rebound.retry.attempt", 2L);
        assertThat(links(attempts.get(1))).isEqualTo(Map.of("previous_attempt", attempts.get(0).getSpanId()));
    }

    @Test
    void a_conflict_in_a_transports_unit_is_a_resend_then_a_process_span_linked_to_the_failed_one() {
        SpanData caller = asCaller(() -> desk.send(new Stock.Restock("i-2")));

        // the in-memory transport handles in its unit of work: the conflict rolls it back and sends the message again
        List<SpanData> attempts = await("process restocks", 2);
        List<SpanData> sends = spans("send restocks");
        assertThat(sends).hasSize(2);
        SpanData creation = sends.get(0);
        SpanData resend = sends.get(1);
        SpanData first = attempts.get(0);
        SpanData second = attempts.get(1);
        assertThat(first.getParentSpanId()).isEqualTo(creation.getSpanId());
        assertThat(first.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(attributes(first)).containsEntry("error.type", OptimisticLockException.class.getName());
        assertThat(resend.getParentSpanId()).isEqualTo(first.getSpanId());
        assertThat(attributes(resend)).containsEntry("rebound.retry.kind", "optimistic_lock");
        assertThat(links(resend)).isEqualTo(Map.of("creation", creation.getSpanId()));

        // a new trace (rebound.tracing.delayed-retry=link), linked to the failed attempt, the kind carried along
        assertThat(second.getTraceId()).isNotEqualTo(caller.getTraceId());
        assertThat(second.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(attributes(second)).containsEntry("rebound.retry.kind", "optimistic_lock")
                .containsEntry("rebound.retry.attempt", 2L).containsEntry("messaging.system", "in-memory");
        assertThat(links(second)).isEqualTo(Map.of("creation", creation.getSpanId(),
                "previous_attempt", first.getSpanId()));
    }
}
