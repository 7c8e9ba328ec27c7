package dev.rebound.opentelemetry.flow;

import static dev.rebound.opentelemetry.testing.Spans.attributes;
import static dev.rebound.opentelemetry.testing.TestTelemetry.asCaller;
import static dev.rebound.opentelemetry.testing.TestTelemetry.await;
import static dev.rebound.opentelemetry.testing.TestTelemetry.span;
import static dev.rebound.opentelemetry.testing.TestTelemetry.traceparent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.CommandBus;
import dev.rebound.opentelemetry.TracingInterceptor;
import dev.rebound.opentelemetry.testing.TestTelemetry;
import dev.rebound.testsupport.ReboundTest;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A gateway call is an INTERNAL span under the caller's; an asynchronous handling is a PRODUCER {@code send} under
 * the caller and a CONSUMER {@code process} whose parent is the send, its W3C context carried in the message's
 * metadata across the queue.
 */
@ReboundTest(beans = {TracingInterceptor.class, TestTelemetry.class, Orders.class})
class GatewayAndAsynchronousTest {

    @Inject
    CommandBus bus;
    @Inject
    Orders orders;

    @BeforeEach
    void forget() {
        TestTelemetry.reset();
    }

    @Test
    void a_gateway_call_is_an_internal_span_under_the_callers_span() {
        Object[] result = new Object[1];
        SpanData caller = asCaller(() -> result[0] = bus.send(new Orders.PlaceOrder("o-1")));

        assertThat(result[0]).isEqualTo("placed o-1");
        SpanData handle = span("handle " + Orders.class.getName() + "#place");
        assertThat(handle.getKind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(handle.getTraceId()).isEqualTo(caller.getTraceId());
        assertThat(handle.getParentSpanId()).isEqualTo(caller.getSpanId());
        assertThat(handle.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(attributes(handle)).containsEntry("rebound.handler", Orders.class.getName() + "#place")
                .containsEntry("rebound.retry.attempt", 1L)
                .containsKeys("messaging.message.id", "rebound.message.id", "messaging.message.conversation_id")
                .doesNotContainKey("rebound.retry.kind");
    }

    @Test
    void an_asynchronous_handling_is_a_send_under_the_caller_and_a_process_whose_parent_is_the_send() {
        SpanData caller = asCaller(() -> bus.send(new Orders.ShipOrder("o-2"), Map.of("tenant", "acme")));

        SpanData process = await("process shipments", 1).get(0);
        SpanData send = span("send shipments");
        assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(send.getParentSpanId()).isEqualTo(caller.getSpanId());
        assertThat(attributes(send)).containsEntry("messaging.system", "in-memory")
                .containsEntry("messaging.destination.name", "shipments")
                .containsEntry("messaging.operation.type", "send")
                .containsEntry("messaging.operation.name", "send");

        assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(process.getTraceId()).isEqualTo(caller.getTraceId());
        assertThat(process.getParentSpanId()).isEqualTo(send.getSpanId());
        assertThat(process.getLinks()).isEmpty();
        String messageId = (String) attributes(send).get("messaging.message.id");
        assertThat(attributes(process)).containsEntry("messaging.system", "in-memory")
                .containsEntry("messaging.destination.name", "shipments")
                .containsEntry("messaging.operation.type", "process")
                .containsEntry("messaging.operation.name", "process")
                .containsEntry("messaging.message.id", messageId)
                .containsEntry("rebound.message.id", messageId)
                .containsEntry("rebound.handler", Orders.class.getName() + "#ship")
                .containsEntry("rebound.retry.attempt", 1L);
        // user headers never become attributes
        assertThat(attributes(process).keySet()).allMatch(k -> k.startsWith("messaging.") || k.startsWith("rebound."));
        assertThat(attributes(process)).doesNotContainValue("acme");

        // the context crossed the queue in the message's metadata, beside the application's own
        assertThat(orders.shipped()).singleElement().satisfies(metadata -> assertThat(metadata)
                .containsEntry("traceparent", traceparent(send))
                .containsEntry("rebound-creation-traceparent", traceparent(send))
                .containsEntry("tenant", "acme")
                .doesNotContainKey("rebound-attempt-traceparent"));
    }
}
