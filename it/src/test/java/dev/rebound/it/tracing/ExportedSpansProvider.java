package dev.rebound.it.tracing;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/** Names {@link ExportedSpans} {@code rebound-it} for the SDK's autoconfiguration (a service in the WAR). */
public final class ExportedSpansProvider implements ConfigurableSpanExporterProvider {

    @Override
    public SpanExporter createExporter(ConfigProperties config) {
        return new ExportedSpans();
    }

    @Override
    public String getName() {
        return "rebound-it";
    }
}
