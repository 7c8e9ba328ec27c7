package dev.rebound.it.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.CommandBus;
import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.it.support.ReboundWar;
import dev.rebound.it.support.Rows;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rebound's spans on Open Liberty with mpTelemetry-2.0 (its SDK, its OpenTelemetry bean, its W3C propagator), over the
 * embedded messaging engine, which Liberty itself does not trace: a gateway call's attempts, the context crossing the
 * JMS queue, a delayed retry and the dead letter, and a replay linking back to the story (the outbox relay's span:
 * {@code RelayTracingIT}). The exporter is the test's own
 * ({@link ExportedSpans}), as in the MicroProfile Telemetry TCK.
 */
@ExtendWith(ArquillianExtension.class)
class TracingIT {

    @Deployment
    static WebArchive deployment() {
        return ReboundWar.named("tracing").packageOf(Invoices.class).queue("invoices", "itTracing")
                .library("rebound-opentelemetry.jar", "dev.rebound.opentelemetry.TracingInterceptor")
                .config("otel.sdk.disabled", false)
                .config("otel.traces.exporter", "rebound-it")
                .config("otel.metrics.exporter", "none")
                .config("otel.logs.exporter", "none")
                .config("otel.bsp.schedule.delay", 50)
                .build()
                .addAsServiceProvider(ConfigurableSpanExporterProvider.class, ExportedSpansProvider.class);
    }

    @Inject
    CommandBus bus;
    @Inject
    Invoices invoices;
    @Inject
    DeadLetters deadLetters;
    @Inject
    Rows rows;
    @Inject
    OpenTelemetry telemetry;
    @Inject
    Payments.Checkout payments;

    @BeforeEach
    void forget() {
        deadLetters.deleteAll();
        ExportedSpans.clear();
    }

    @Test
    void the_send_and_the_asynchronous_handling_on_the_messaging_engine_are_one_trace() {
        String id = UUID.randomUUID().toString();

        SpanData caller = asCaller(() -> bus.send(new Invoices.SendInvoice(id)));

        SpanData process = awaitSpans("process invoices", id, 1).get(0);
        SpanData send = spans("send invoices", id).get(0);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> rows.count(id) == 1); // commits after the span
        assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(send.getParentSpanId()).isEqualTo(caller.getSpanId());
        assertThat(send.getTraceId()).isEqualTo(caller.getTraceId());
        assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(process.getParentSpanId()).as("the context crossed the engine's queue").isEqualTo(send.getSpanId());
        assertThat(process.getTraceId()).isEqualTo(caller.getTraceId());
        assertThat(process.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(attributes(process)).containsEntry("messaging.destination.name", "invoices")
                .containsEntry("messaging.operation.type", "process")
                .containsEntry("rebound.handler", Invoices.class.getName() + "#send")
                .containsEntry("rebound.retry.attempt", 1L)
                .containsEntry("messaging.message.id", attributes(send).get("messaging.message.id"));
    }

    @Test
    void a_gateway_call_recovered_by_an_instant_retry_is_one_span_per_attempt_under_the_caller_linked_in_order() {
        String id = UUID.randomUUID().toString();
        String[] result = new String[1];

        SpanData caller = asCaller(() -> result[0] = payments.charge(id));

        assertThat(result[0]).isEqualTo("charged " + id);
        List<SpanData> attempts = awaitSpans("handle " + Payments.Provider.class.getName() + "#charge", id, 2);
        assertThat(attempts).hasSize(2).allSatisfy(attempt -> {
            assertThat(attempt.getKind()).isEqualTo(SpanKind.INTERNAL);
            assertThat(attempt.getParentSpanId()).isEqualTo(caller.getSpanId());
            assertThat(attempt.getTraceId()).isEqualTo(caller.getTraceId());
        });
        SpanData first = attempts.get(0);
        SpanData second = attempts.get(1);
        assertThat(first.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(attributes(first)).containsEntry("error.type", IllegalStateException.class.getName())
                .containsEntry("rebound.retry.attempt", 1L).doesNotContainKey("rebound.retry.kind");
        assertThat(first.getLinks()).isEmpty();
        assertThat(second.getStatus().getStatusCode()).as("recovered: not a failure for tail sampling")
                .isEqualTo(StatusCode.UNSET);
        assertThat(attributes(second)).containsEntry("rebound.retry.attempt", 2L)
                .containsEntry("rebound.retry.kind", "instant").doesNotContainKey("error.type");
        assertThat(links(second)).isEqualTo(Map.of("previous_attempt", first.getSpanId()));
        assertThat(caller.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void delayed_retries_end_in_a_dead_letter_span_and_a_replay_is_a_root_linked_to_the_story() {
        String id = UUID.randomUUID().toString();
        invoices.failFor(id);

        SpanData caller = asCaller(() -> bus.send(new Invoices.SendInvoice(id)));

        SpanData deadLettered = awaitSpans("dead_letter invoices", id, 1).get(0);
        List<SpanData> attempts = spans("process invoices", id);
        List<SpanData> sends = spans("send invoices", id);
        assertThat(attempts).hasSize(2);
        assertThat(sends).hasSize(2);
        SpanData creation = sends.get(0);
        SpanData first = attempts.get(0);
        SpanData second = attempts.get(1);
        assertThat(creation.getParentSpanId()).isEqualTo(caller.getSpanId());
        assertThat(first.getParentSpanId()).isEqualTo(creation.getSpanId());
        assertThat(first.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(attributes(first)).containsEntry("error.type", IllegalStateException.class.getName());
        assertThat(sends.get(1).getParentSpanId()).as("the retry's send, under the failed attempt")
                .isEqualTo(first.getSpanId());
        assertThat(attributes(sends.get(1))).containsEntry("rebound.retry.kind", "delayed");
        assertThat(second.getParentSpanContext().isValid()).as("after the delay: a new trace").isFalse();
        assertThat(links(second)).isEqualTo(Map.of("creation", creation.getSpanId(),
                "previous_attempt", first.getSpanId()));
        assertThat(attributes(second)).containsEntry("rebound.retry.attempt", 2L);
        assertThat(deadLettered.getKind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(deadLettered.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(deadLettered.getParentSpanId()).isEqualTo(second.getSpanId());
        assertThat(attributes(deadLettered)).containsEntry("error.type", IllegalStateException.class.getName());

        DeadLetter letter = Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> deadLetters.list(0, 10), list -> list.size() == 1).get(0);
        assertThat(letter.headers().metadata()).containsEntry("rebound-creation-traceparent", traceparent(creation));
        invoices.recover(id);

        boolean[] replayed = new boolean[1];
        SpanData operator = asCaller(() -> replayed[0] = deadLetters.replay(letter.id()));

        assertThat(replayed[0]).isTrue();
        assertThat(rows.count(id)).isEqualTo(1);
        SpanData replay = awaitSpans("replay invoices", id, 1).get(0);
        assertThat(replay.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(replay.getParentSpanContext().isValid()).isFalse();
        assertThat(replay.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(links(replay)).containsEntry("creation", creation.getSpanId())
                .containsEntry("ambient", operator.getSpanId()).containsKey("previous_attempt");
        assertThat(attributes(replay)).containsEntry("rebound.retry.kind", "replay");
    }

    /** Runs {@code work} under a span of the test's own, as an application's request would be. */
    private SpanData asCaller(Runnable work) {
        Span span = telemetry.getTracer("it").spanBuilder("caller").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            work.run();
        } finally {
            span.end();
        }
        String spanId = span.getSpanContext().getSpanId();
        return Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> ExportedSpans.all().stream().filter(s -> s.getSpanId().equals(spanId)).findFirst(),
                        java.util.Optional::isPresent).orElseThrow();
    }

    /**
     * The spans of this name exported since the test began, oldest first (each test waits for all of its spans before
     * it ends, and the next one starts with none).
     */
    private static List<SpanData> spans(String name, String invoice) {
        return ExportedSpans.all().stream().filter(s -> s.getName().equals(name))
                .sorted(java.util.Comparator.comparingLong(SpanData::getStartEpochNanos)).toList();
    }

    private static List<SpanData> awaitSpans(String name, String invoice, int count) {
        return Awaitility.await(name).atMost(Duration.ofSeconds(40))
                .until(() -> spans(name, invoice), found -> found.size() >= count);
    }

    private static Map<String, Object> attributes(SpanData span) {
        return span.getAttributes().asMap().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().getKey(), Map.Entry::getValue));
    }

    private static Map<String, String> links(SpanData span) {
        return span.getLinks().stream().collect(Collectors.toMap(
                link -> link.getAttributes().get(AttributeKey.stringKey("rebound.link")),
                link -> link.getSpanContext().getSpanId()));
    }

    private static String traceparent(SpanData span) {
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-01";
    }
}
