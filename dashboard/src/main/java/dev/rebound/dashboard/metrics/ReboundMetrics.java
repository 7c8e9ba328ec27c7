package dev.rebound.dashboard.metrics;

import dev.rebound.DeadLetterStats;
import dev.rebound.DeadLetters;
import dev.rebound.spi.MessageObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebound's metrics through MicroProfile Telemetry (the OpenTelemetry metrics API): messages handled, failed,
 * retried (instant and delayed), dead-lettered and replayed, per channel and handler; handling duration; the
 * dead letter count per channel and the oldest dead letter's age. Counters come from {@link MessageObserver}
 * events; the dead letter gauges read figures that {@link DeadLetterFigures} refreshes in the background, since
 * the exporter's thread has no application context to query the database with. Added by
 * {@link dev.rebound.dashboard.DashboardExtension} only when the OpenTelemetry API is visible.
 */
public class ReboundMetrics implements MessageObserver {

    static final AttributeKey<String> CHANNEL = AttributeKey.stringKey("rebound.channel");
    static final AttributeKey<String> HANDLER = AttributeKey.stringKey("rebound.handler");
    static final AttributeKey<String> RETRY = AttributeKey.stringKey("rebound.retry");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("rebound.outcome");
    /** The channel attribute of handlers run synchronously by their entry point. */
    static final String SYNCHRONOUS = "synchronous";

    private final Instance<OpenTelemetry> telemetry;
    private final Instance<DeadLetters> deadLetters;
    private LongCounter handled;
    private LongCounter failed;
    private LongCounter retried;
    private LongCounter deadLettered;
    private LongCounter replayed;
    private DoubleHistogram duration;
    private DeadLetterFigures figures;
    private final List<AutoCloseable> gauges = new ArrayList<>();

    @Inject
    public ReboundMetrics(Instance<OpenTelemetry> telemetry, Instance<DeadLetters> deadLetters) {
        this.telemetry = telemetry;
        this.deadLetters = deadLetters;
    }

    @PostConstruct
    void register() {
        Meter meter = (telemetry.isResolvable() ? telemetry.get() : OpenTelemetry.noop()).getMeter("dev.rebound");
        handled = meter.counterBuilder("rebound.messages.handled").setUnit("{message}")
                .setDescription("Messages whose handler returned normally").build();
        failed = meter.counterBuilder("rebound.messages.failed").setUnit("{message}")
                .setDescription("Handler calls that threw (each attempt counts)").build();
        retried = meter.counterBuilder("rebound.messages.retried").setUnit("{message}")
                .setDescription("Failed messages tried again, by kind of retry (instant, delayed)").build();
        deadLettered = meter.counterBuilder("rebound.messages.dead_lettered").setUnit("{message}")
                .setDescription("Failures stored as dead letters").build();
        replayed = meter.counterBuilder("rebound.messages.replayed").setUnit("{message}")
                .setDescription("Dead letters replayed, by outcome (handled, failed)").build();
        duration = meter.histogramBuilder("rebound.handling.duration").setUnit("s")
                .setDescription("How long handlers ran, successful or not").build();
        figures = new DeadLetterFigures(deadLetters::get, Clock.systemUTC(), Duration.ofSeconds(5));
        gauges.add(meter.gaugeBuilder("rebound.dead_letters").ofLongs().setUnit("{message}")
                .setDescription("Dead letters stored, per channel").buildWithCallback(gauge -> {
                    for (DeadLetterStats.ChannelCount count : figures.latest().channels()) {
                        gauge.record(count.count(), Attributes.of(CHANNEL, channel(count.channel())));
                    }
                }));
        gauges.add(meter.gaugeBuilder("rebound.dead_letters.oldest_age").setUnit("s")
                .setDescription("Age of the oldest dead letter (0 when there is none)")
                .buildWithCallback(gauge -> gauge.record(figures.oldestAgeSeconds())));
    }

    /** Created with the application, so that the gauges exist before the first message. */
    void start(@Observes @Initialized(jakarta.enterprise.context.ApplicationScoped.class) Object started) {
        figures.start();
    }

    /**
     * Unregisters the gauges: with a server-wide OpenTelemetry SDK they would otherwise outlive the application
     * and keep reporting its last figures.
     */
    @PreDestroy
    void stop() {
        figures.stop();
        gauges.forEach(gauge -> {
            try {
                gauge.close();
            } catch (Exception e) {
                // best effort while the application stops; there is nothing else to do
            }
        });
    }

    @Override
    public void handled(String channel, String handler, long nanos) {
        Attributes where = where(channel, handler);
        handled.add(1, where);
        duration.record(nanos / 1e9, where);
    }

    @Override
    public void failed(String channel, String handler, Throwable failure, long nanos) {
        Attributes where = where(channel, handler);
        failed.add(1, where);
        duration.record(nanos / 1e9, where);
    }

    @Override
    public void retried(String channel, String handler, Retry retry) {
        retried.add(1, where(channel, handler).toBuilder().put(RETRY, retry.name().toLowerCase()).build());
    }

    @Override
    public void deadLettered(String channel, String handler) {
        deadLettered.add(1, where(channel, handler));
        figures.refreshSoon();
    }

    @Override
    public void replayed(String channel, String handler, boolean ok) {
        replayed.add(1, where(channel, handler).toBuilder().put(OUTCOME, ok ? "handled" : "failed").build());
        figures.refreshSoon();
    }

    static Attributes where(String channel, String handler) {
        return Attributes.of(CHANNEL, channel(channel), HANDLER, handler == null ? "none" : handler);
    }

    static String channel(String channel) {
        return channel == null ? SYNCHRONOUS : channel;
    }
}
