package dev.rebound.opentelemetry.testing;

import static org.assertj.core.api.Assertions.assertThat;
import org.awaitility.Awaitility;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The application's OpenTelemetry as Liberty's mpTelemetry gives it (an {@code OpenTelemetry} bean): the real SDK,
 * W3C propagation, every span exported at once to memory, where the tests read them, and the metrics read on demand.
 */
@Dependent
public class TestTelemetry {

    private static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();
    /** Cumulative: each test reads its own channel's points, or compares before and after. */
    private static final InMemoryMetricReader METRICS = InMemoryMetricReader.create();
    private static final OpenTelemetrySdk SDK = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(EXPORTER))
                    .build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(METRICS).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();

    @Produces
    @Dependent
    OpenTelemetry openTelemetry() {
        return SDK;
    }

    /** The metrics recorded so far, by name. */
    public static Map<String, MetricData> metrics() {
        return METRICS.collectAllMetrics().stream().collect(Collectors.toMap(MetricData::getName, m -> m));
    }

    /** Forgets the spans of earlier tests. */
    public static void reset() {
        EXPORTER.reset();
    }

    /** Runs {@code call} inside a span of the test's own, the caller's; returns that span's data once ended. */
    public static SpanData asCaller(Runnable call) {
        Tracer tracer = SDK.getTracer("test");
        Span caller = tracer.spanBuilder("caller").startSpan();
        try (Scope ignored = caller.makeCurrent()) {
            call.run();
        } finally {
            caller.end();
        }
        String id = caller.getSpanContext().getSpanId();
        return spans("caller").stream().filter(s -> s.getSpanId().equals(id)).findFirst().orElseThrow();
    }

    /** The only finished span of this name. */
    public static SpanData span(String name) {
        List<SpanData> found = spans(name);
        assertThat(found).as("spans named %s among %s", name, names()).hasSize(1);
        return found.get(0);
    }

    /** The finished spans of this name, in the order they ended. */
    public static List<SpanData> spans(String name) {
        return EXPORTER.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    }

    /** Waits until {@code count} spans of this name have ended; returns them in the order they ended. */
    public static List<SpanData> await(String name, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> spans(name).size() >= count);
        return spans(name);
    }

    public static List<String> names() {
        return EXPORTER.getFinishedSpanItems().stream().map(SpanData::getName).toList();
    }

    /** A span's links by their {@code rebound.link} role, each as the linked span id. */
    public static Map<String, String> links(SpanData span) {
        return span.getLinks().stream().collect(Collectors.toMap(
                l -> String.valueOf(l.getAttributes().asMap().entrySet().stream()
                        .filter(e -> e.getKey().getKey().equals("rebound.link")).findFirst().orElseThrow()
                        .getValue()),
                (LinkData l) -> l.getSpanContext().getSpanId()));
    }

    /** A span's context as the W3C traceparent Rebound writes. */
    public static String traceparent(SpanData span) {
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getSpanContext().getTraceFlags().asHex();
    }
}
