package dev.rebound.opentelemetry.delayed;

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
 * The default: a delayed retry that recovers is a new trace whose root is the successful delivery, OK, linked to the
 * failed attempt and the creation, so that a tail sampler keeps the failed trace as failed and the recovered one as
 * recovered.
 */
@ReboundTest(beans = {TracingInterceptor.class, TestTelemetry.class, Reminders.class})
class LinkedTraceTest {

    @Inject
    CommandBus bus;

    @BeforeEach
    void forget() {
        TestTelemetry.reset();
    }

    @Test
    void a_recovered_delayed_retry_is_an_ok_root_linked_to_the_failed_attempt_and_the_creation() {
        SpanData caller = asCaller(() -> bus.send(new Reminders.Remind("r-2")));

        List<SpanData> attempts = await("process reminders", 2);
        SpanData creation = spans("send reminders").get(0);
        SpanData failed = attempts.get(0);
        SpanData recovered = attempts.get(1);

        assertThat(failed.getTraceId()).isEqualTo(caller.getTraceId());
        assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(recovered.getTraceId()).isNotEqualTo(caller.getTraceId());
        assertThat(recovered.getParentSpanContext().isValid()).isFalse();
        assertThat(recovered.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(links(recovered)).isEqualTo(Map.of("creation", creation.getSpanId(),
                "previous_attempt", failed.getSpanId()));
    }
}
