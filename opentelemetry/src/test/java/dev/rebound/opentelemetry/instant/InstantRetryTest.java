package dev.rebound.opentelemetry.instant;

import static dev.rebound.opentelemetry.testing.Spans.attributes;
import static dev.rebound.opentelemetry.testing.TestTelemetry.asCaller;
import static dev.rebound.opentelemetry.testing.TestTelemetry.links;
import static dev.rebound.opentelemetry.testing.TestTelemetry.spans;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.opentelemetry.TracingInterceptor;
import dev.rebound.opentelemetry.testing.TestTelemetry;
import dev.rebound.testsupport.ReboundTest;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An instant retry that recovers: one span per attempt under the caller's, the retry linked to the attempt it
 * follows; only the failed attempt is ERROR, so the recovered call does not look failed.
 */
@ReboundTest(beans = {TracingInterceptor.class, TestTelemetry.class, Payments.Provider.class, Payments.Api.class})
class InstantRetryTest {

    @Inject
    Payments.Api payments;

    @BeforeEach
    void forget() {
        TestTelemetry.reset();
    }

    @Test
    void each_attempt_is_a_span_under_the_caller_linked_to_the_one_before_and_only_the_failed_one_is_error() {
        String[] result = new String[1];
        SpanData caller = asCaller(() -> result[0] = payments.charge("p-1"));

        assertThat(result[0]).isEqualTo("charged p-1");
        List<SpanData> attempts = spans("handle " + Payments.Provider.class.getName() + "#charge");
        assertThat(attempts).hasSize(2).allSatisfy(attempt -> {
            assertThat(attempt.getKind()).isEqualTo(SpanKind.INTERNAL);
            assertThat(attempt.getParentSpanId()).isEqualTo(caller.getSpanId());
        });
        SpanData first = attempts.get(0);
        SpanData second = attempts.get(1);

        assertThat(first.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(attributes(first)).containsEntry("error.type", IllegalStateException.class.getName())
                .containsEntry("rebound.retry.attempt", 1L).doesNotContainKey("rebound.retry.kind");
        assertThat(first.getEvents()).extracting(e -> e.getName()).containsExactly("exception");
        assertThat(first.getLinks()).isEmpty();

        assertThat(second.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(attributes(second)).containsEntry("rebound.retry.attempt", 2L)
                .containsEntry("rebound.retry.kind", "instant").doesNotContainKey("error.type");
        assertThat(links(second)).isEqualTo(Map.of("previous_attempt", first.getSpanId()));
        assertThat(caller.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }
}
