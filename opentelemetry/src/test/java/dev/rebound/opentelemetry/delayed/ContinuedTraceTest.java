package dev.rebound.opentelemetry.delayed;

import static dev.rebound.opentelemetry.testing.Spans.attributes;
import static dev.rebound.opentelemetry.testing.TestTelemetry.asCaller;
import static dev.rebound.opentelemetry.testing.TestTelemetry.await;
import static dev.rebound.opentelemetry.testing.TestTelemetry.links;
import static dev.rebound.opentelemetry.testing.TestTelemetry.spans;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.CommandBus;
import dev.rebound.opentelemetry.TracingInterceptor;
import dev.rebound.opentelemetry.testing.TestTelemetry;
import dev.rebound.testsupport.ReboundTest;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code rebound.tracing.delayed-retry=continue}: the delivery after a delayed retry stays in the trace, under the
 * retry's send, still linked to the failed attempt; recovered, it is OK and only the failed attempt is ERROR.
 */
@ReboundTest(beans = {TracingInterceptor.class, TestTelemetry.class, Reminders.class},
        config = "rebound.tracing.delayed-retry=continue")
class ContinuedTraceTest {

    @Inject
    CommandBus bus;

    @BeforeEach
    void forget() {
        TestTelemetry.reset();
    }

    @Test
    void the_delivery_after_a_delayed_retry_continues_the_trace_and_its_success_is_ok() {
        SpanData caller = asCaller(() -> bus.send(new Reminders.Remind("r-1")));

        List<SpanData> attempts = await("process reminders", 2);
        List<SpanData> sends = spans("send reminders");
        assertThat(sends).hasSize(2);
        SpanData failed = attempts.get(0);
        SpanData recovered = attempts.get(1);

        assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(recovered.getTraceId()).isEqualTo(caller.getTraceId());
        assertThat(recovered.getParentSpanId()).isEqualTo(sends.get(1).getSpanId());
        assertThat(sends.get(1).getParentSpanId()).isEqualTo(failed.getSpanId());
        assertThat(links(recovered)).isEqualTo(Map.of("previous_attempt", failed.getSpanId()));
        assertThat(recovered.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(attributes(recovered)).containsEntry("rebound.retry.kind", "delayed")
                .containsEntry("rebound.retry.attempt", 2L).doesNotContainKey("error.type");
        assertThat(spans("dead_letter reminders")).isEmpty();
    }
}
