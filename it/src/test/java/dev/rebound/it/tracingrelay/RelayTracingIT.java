package dev.rebound.it.tracingrelay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.it.support.MessageRows;
import dev.rebound.it.support.ReboundWar;
import dev.rebound.it.support.Rows;
import dev.rebound.it.tracing.ExportedSpans;
import dev.rebound.it.tracing.ExportedSpansProvider;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The outbox relay's span on Open Liberty (mpTelemetry-2.0, jta mode): posts to the JMS channel letters are rows of
 * the database channel itLettersOutbox written in the business transaction; the relay claims them after the commit
 * and puts them on the messaging engine's queue in one JTA unit. That unit is one PRODUCER span, a root, linked to
 * each relayed message's send; each message's own story (its send under the caller, its process on the engine's
 * queue) stays one trace across the outbox row and the engine.
 */
@ExtendWith(ArquillianExtension.class)
class RelayTracingIT {

    private static final AttributeKey<String> LINK = AttributeKey.stringKey("rebound.link");
    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");

    @Deployment
    static WebArchive deployment() {
        return ReboundWar.withDatabaseTransport(ReboundWar.named("tracingrelay")).packageOf(Letters.class)
                .classes(ExportedSpans.class, ExportedSpansProvider.class)
                .library("rebound-opentelemetry.jar", "dev.rebound.opentelemetry.TracingInterceptor")
                .config("rebound.channels", Letters.OUTBOX)
                .config("rebound.channel." + Letters.OUTBOX + ".transport", "database")
                .config("rebound.channel." + Letters.OUTBOX + ".relay-to", Letters.CHANNEL)
                .config("rebound.channel." + Letters.CHANNEL + ".transport", "jms")
                .config("rebound.channel." + Letters.CHANNEL + ".outbox", Letters.OUTBOX)
                .queue(Letters.CHANNEL, Letters.QUEUE)
                .config("otel.sdk.disabled", false)
                .config("otel.traces.exporter", "rebound-it")
                .config("otel.metrics.exporter", "none")
                .config("otel.logs.exporter", "none")
                .config("otel.bsp.schedule.delay", 50)
                .build()
                .addAsServiceProvider(ConfigurableSpanExporterProvider.class, ExportedSpansProvider.class);
    }

    @Inject
    Letters letters;
    @Inject
    Rows rows;
    @Inject
    MessageRows messages;
    @Inject
    OpenTelemetry telemetry;

    @BeforeEach
    void forget() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> messages.depth(Letters.OUTBOX) == 0);
        ExportedSpans.clear();
    }

    @Test
    void the_relay_of_one_unit_is_a_root_producer_span_linked_to_each_relayed_send_and_each_story_stays_one_trace() {
        String batch = UUID.randomUUID().toString();
        List<String> ids = IntStream.range(0, 3).mapToObj(i -> batch + "-" + i).toList();

        SpanData caller = asCaller(() -> letters.postAll(ids.toArray(String[]::new)));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(rows::exists));
        List<SpanData> processed = awaitSpans("process letters", 3);
        List<SpanData> sends = spans("send letters");
        assertThat(sends).hasSize(3).allSatisfy(send -> {
            assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
            assertThat(send.getParentSpanId()).as("sent in the caller's transaction").isEqualTo(caller.getSpanId());
        });
        // the three rows committed together: one claim, one unit of the relay, one span
        SpanData relay = awaitSpans("relay " + Letters.OUTBOX, 1).get(0);
        assertThat(spans("relay " + Letters.OUTBOX)).hasSize(1);
        assertThat(relay.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(relay.getParentSpanContext().isValid()).as("the relay's loop is a root").isFalse();
        assertThat(relay.getTraceId()).isNotEqualTo(caller.getTraceId());
        assertThat(relay.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(attributes(relay)).containsEntry("messaging.system", "jms")
                .containsEntry("messaging.destination.name", Letters.CHANNEL)
                .containsEntry("messaging.operation.name", "relay")
                .containsEntry("messaging.operation.type", "send")
                .containsEntry("messaging.batch.message_count", 3L)
                .containsEntry("rebound.relay.channel", Letters.OUTBOX);
        Map<String, String> linked = relay.getLinks().stream().collect(Collectors.toMap(
                (LinkData link) -> link.getSpanContext().getSpanId(), link -> link.getAttributes().get(LINK)));
        assertThat(linked).as("one link per relayed row, to its send")
                .isEqualTo(sends.stream().collect(Collectors.toMap(SpanData::getSpanId, s -> "relayed")));
        assertThat(relay.getLinks()).allSatisfy(link -> assertThat(link.getAttributes().get(MESSAGE_ID))
                .isEqualTo(attributes(sends.stream()
                        .filter(s -> s.getSpanId().equals(link.getSpanContext().getSpanId()))
                        .findFirst().orElseThrow()).get("messaging.message.id")));

        // across the outbox row and the engine's queue: each process is the child of its own send, in the caller's trace
        assertThat(processed).allSatisfy(process -> {
            assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(process.getTraceId()).isEqualTo(caller.getTraceId());
            assertThat(process.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
            SpanData send = sends.stream().filter(s -> s.getSpanId().equals(process.getParentSpanId()))
                    .findFirst().orElseThrow(() -> new AssertionError("no send is the parent of " + process));
            assertThat(attributes(process).get("messaging.message.id"))
                    .isEqualTo(attributes(send).get("messaging.message.id"));
        });
        assertThat(processed.stream().map(SpanData::getParentSpanId).distinct()).hasSize(3);
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
                        Optional::isPresent).orElseThrow();
    }

    private static List<SpanData> spans(String name) {
        return ExportedSpans.all().stream().filter(s -> s.getName().equals(name))
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos)).toList();
    }

    private static List<SpanData> awaitSpans(String name, int count) {
        return Awaitility.await(name).atMost(Duration.ofSeconds(40))
                .until(() -> spans(name), found -> found.size() >= count);
    }

    private static Map<String, Object> attributes(SpanData span) {
        return span.getAttributes().asMap().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().getKey(), Map.Entry::getValue));
    }
}
