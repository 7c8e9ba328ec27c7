package dev.rebound.bench.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The OpenTelemetry SDK of the traced side, as an application that sets it up itself would have it: W3C
 * propagation, a batch span processor, and a sampler switched between rounds ({@link #sampleAll}). The exporter
 * counts and drops what it gets: the figure is Rebound's spans and the SDK's recording and batching, not a
 * collector's network.
 */
@Dependent
public class BenchTelemetry {

    private static final SwitchedSampler SAMPLER = new SwitchedSampler();
    private static final AtomicLong EXPORTED = new AtomicLong();
    static final OpenTelemetrySdk SDK = OpenTelemetrySdk.builder()
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .setTracerProvider(SdkTracerProvider.builder().setSampler(SAMPLER)
                    .addSpanProcessor(BatchSpanProcessor.builder(new Counting())
                            // the direct loop makes spans faster than the default queue (2,048) drains
                            .setMaxQueueSize(65_536).build()).build())
            .build();

    @Produces
    OpenTelemetry openTelemetry() {
        return SDK;
    }

    /** Every span recorded and exported ({@code true}) or none ({@code false}, the always-off sampler). */
    static void sampleAll(boolean all) {
        SAMPLER.delegate = all ? Sampler.alwaysOn() : Sampler.alwaysOff();
    }

    /** Spans handed to the exporter so far (after {@link #flush()}). */
    static long exported() {
        return EXPORTED.get();
    }

    static void flush() {
        SDK.getSdkTracerProvider().forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** The sampler of the round: one volatile read per span more than a fixed one. */
    private static final class SwitchedSampler implements Sampler {

        volatile Sampler delegate = Sampler.alwaysOff();

        @Override
        public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
                                           Attributes attributes, List<LinkData> parentLinks) {
            return delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
        }

        @Override
        public String getDescription() {
            return "switched(" + delegate.getDescription() + ")";
        }
    }

    private static final class Counting implements SpanExporter {

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            EXPORTED.addAndGet(spans.size());
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
}
