package dev.rebound.opentelemetry;

import static dev.rebound.opentelemetry.TracingNames.*;

import dev.rebound.Consumers;
import dev.rebound.Duplicates;
import dev.rebound.spi.Backlog;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What an operator watches besides the messages themselves, as asynchronous instruments read when the metrics are
 * collected (nothing on the per-message path):
 * <ul>
 * <li>{@code rebound.channel.depth} and {@code rebound.channel.lag}: the backlog of every channel whose transport
 *     measures it ({@link Consumers#backlog()}: a database channel or relay, an in-memory queue), per
 *     {@code messaging.destination.name}; the transports read it at most every few seconds however often this is
 *     collected;</li>
 * <li>{@code rebound.deduplication.duplicates}: the duplicates each {@code @Deduplicated} handler acknowledged
 *     without running ({@link Duplicates}), per {@code rebound.handler} (its deduplication scope).</li>
 * </ul>
 * Optimistic-lock retries are counted with the other retries by the dashboard module's
 * {@code rebound.messages.retried} ({@code rebound.retry=optimistic_lock}). The callbacks are unregistered when the
 * application stops: with a server-wide SDK they would otherwise outlive it.
 */
@ApplicationScoped
public class OperationsMetrics {

    private final Supplier<OpenTelemetry> telemetry;
    private final Instance<Consumers> consumers;
    private final Instance<Duplicates> duplicates;
    private final List<AutoCloseable> instruments = new ArrayList<>();

    @Inject
    public OperationsMetrics(Instance<OpenTelemetry> telemetry, Instance<Consumers> consumers,
                             Instance<Duplicates> duplicates) {
        this.telemetry = () -> TracingInterceptor.openTelemetry(telemetry);
        this.consumers = consumers;
        this.duplicates = duplicates;
    }

    /** Registered with the application, so that the instruments exist before the first message. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        register();
    }

    synchronized void register() {
        if (!instruments.isEmpty()) {
            return;
        }
        Meter meter = telemetry.get().getMeter(SCOPE);
        if (consumers.isResolvable()) {
            Consumers all = consumers.get();
            instruments.add(meter.gaugeBuilder(CHANNEL_DEPTH).ofLongs().setUnit("{message}")
                    .setDescription("Messages on the channel: waiting, delayed and being handled")
                    .buildWithCallback(gauge -> {
                        for (Backlog backlog : all.backlog()) {
                            gauge.record(backlog.depth(), Attributes.of(DESTINATION, backlog.channel()));
                        }
                    }));
            instruments.add(meter.gaugeBuilder(CHANNEL_LAG).setUnit("s")
                    .setDescription("How long the channel's oldest due message has waited since it was due")
                    .buildWithCallback(gauge -> {
                        for (Backlog backlog : all.backlog()) {
                            gauge.record(backlog.lag().toMillis() / 1000.0, Attributes.of(DESTINATION,
                                    backlog.channel()));
                        }
                    }));
        }
        if (duplicates.isResolvable()) {
            Duplicates counts = duplicates.get();
            instruments.add(meter.counterBuilder(DUPLICATES).setUnit("{message}")
                    .setDescription("Duplicates a @Deduplicated handler acknowledged without running")
                    .buildWithCallback(counter -> {
                        for (Map.Entry<String, Long> scope : counts.counts().entrySet()) {
                            counter.record(scope.getValue(), Attributes.of(REBOUND_HANDLER, scope.getKey()));
                        }
                    }));
        }
    }

    @PreDestroy
    synchronized void stop() {
        for (AutoCloseable instrument : instruments) {
            try {
                instrument.close();
            } catch (Exception e) {
                // best effort while the application stops; there is nothing else to do
            }
        }
        instruments.clear();
    }
}
