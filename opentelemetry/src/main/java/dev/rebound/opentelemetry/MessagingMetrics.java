package dev.rebound.opentelemetry;

import static dev.rebound.opentelemetry.TracingNames.*;

import dev.rebound.Message;
import dev.rebound.spi.MessageInterceptor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The messaging semantic conventions' metrics (v1.44.0) of Rebound's queues, as an interceptor bean (inside
 * {@link TracingInterceptor}, so that the durations are the handlers' as the process spans are):
 * <ul>
 * <li>{@code messaging.client.sent.messages}: messages put on a queue (a first send, a delayed retry, a resend, an
 *     error queue), counted when Rebound hands them to the transport;</li>
 * <li>{@code messaging.client.consumed.messages}: messages taken off a queue and handed to a handler;</li>
 * <li>{@code messaging.process.duration}: how long such a handler ran (and a replay of its dead letter), with
 *     {@code error.type} when it threw.</li>
 * </ul>
 * Attributes: {@code messaging.system} (the transport), {@code messaging.destination.name} (the channel: Rebound's
 * channels are configured, so few), {@code messaging.operation.name}. Retries by kind, dead letters and replays are
 * Rebound's own metrics, the dashboard module's ({@code rebound.messages.*}); gateways and internal channels are not
 * messaging operations and are not counted here. Per message: one map lookup and the instruments' calls.
 */
@Dependent
@Priority(MessagingMetrics.PRIORITY)
public class MessagingMetrics implements MessageInterceptor {

    /** Just inside the tracing interceptor. */
    public static final int PRIORITY = TracingInterceptor.PRIORITY + 1;

    /** The conventions' advice for messaging durations, in seconds. */
    private static final List<Double> DURATION_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5,
            0.75, 1.0, 2.5, 5.0, 7.5, 10.0);

    private final LongCounter sent;
    private final LongCounter consumed;
    private final DoubleHistogram processing;
    /* The attributes of each channel, per operation, made once (the channels are few and fixed). */
    private final Map<String, Attributes> sends = new ConcurrentHashMap<>();
    private final Map<String, Attributes> processes = new ConcurrentHashMap<>();
    private final Map<String, Attributes> replays = new ConcurrentHashMap<>();

    @Inject
    public MessagingMetrics(Instance<OpenTelemetry> beans) {
        this(TracingInterceptor.openTelemetry(beans));
    }

    public MessagingMetrics(OpenTelemetry openTelemetry) {
        Meter meter = openTelemetry.getMeter(SCOPE);
        sent = meter.counterBuilder(SENT_MESSAGES).setUnit("{message}")
                .setDescription("Number of messages producer attempted to send to the broker.").build();
        consumed = meter.counterBuilder(CONSUMED_MESSAGES).setUnit("{message}")
                .setDescription("Number of messages that were delivered to the application.").build();
        processing = meter.histogramBuilder(PROCESS_DURATION).setUnit("s")
                .setDescription("Duration of processing operation.")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS).build();
    }

    @Override
    public Message beforeSend(String channel, String transport, Message message) {
        sent.add(1, attributes(sends, channel, transport, SEND));
        return message;
    }

    @Override
    public Object aroundHandle(Invocation invocation) throws Throwable {
        String channel = invocation.channel();
        Entry entry = invocation.entry();
        boolean consumedOffQueue = entry == Entry.CONSUMER || entry == Entry.UNIT;
        if (channel == null || !(consumedOffQueue || entry == Entry.REPLAY)) {
            return invocation.proceed();          // a gateway, an internal channel, a synchronous handler's replay
        }
        Attributes where = consumedOffQueue ? attributes(processes, channel, invocation.transport(), PROCESS)
                : attributes(replays, channel, invocation.transport(), REPLAY);
        if (consumedOffQueue) {
            consumed.add(1, where);
        }
        long start = System.nanoTime();
        try {
            Object result = invocation.proceed();
            processing.record((System.nanoTime() - start) / 1e9, where);
            return result;
        } catch (Throwable failure) {
            processing.record((System.nanoTime() - start) / 1e9,
                    where.toBuilder().put(ERROR_TYPE, failure.getClass().getName()).build());
            throw failure;
        }
    }

    private static Attributes attributes(Map<String, Attributes> made, String channel, String transport,
                                         String operation) {
        Attributes found = made.get(channel);
        return found != null ? found : made.computeIfAbsent(channel, key -> Attributes.of(
                MESSAGING_SYSTEM, transport != null ? transport : SYSTEM, DESTINATION, channel,
                OPERATION_NAME, operation));
    }
}
