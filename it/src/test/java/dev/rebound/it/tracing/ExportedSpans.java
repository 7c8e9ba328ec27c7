package dev.rebound.it.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The spans Liberty's OpenTelemetry SDK (mpTelemetry-2.0) exported in this application, kept in memory for the
 * in-server tests, as the MicroProfile Telemetry TCK does: the SDK finds it through {@link ExportedSpansProvider}
 * ({@code otel.traces.exporter=rebound-it}). The SDK testing module is not among the packages Liberty exports.
 */
public final class ExportedSpans implements SpanExporter {

    private static final List<SpanData> SPANS = new CopyOnWriteArrayList<>();

    /** Every span exported so far, in export order. */
    public static List<SpanData> all() {
        return List.copyOf(SPANS);
    }

    public static void clear() {
        SPANS.clear();
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        SPANS.addAll(spans);
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
