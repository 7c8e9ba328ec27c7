package dev.rebound.opentelemetry;

import static dev.rebound.opentelemetry.TracingNames.*;

import dev.rebound.FinalFailureStrategy;
import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import dev.rebound.spi.MessageInterceptor;
import dev.rebound.spi.MessageObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The spans of every message, on the OpenTelemetry API (see docs/tracing.md for the picture):
 * <ul>
 * <li>{@code send {channel}} (PRODUCER) before a message is put on a queue, its W3C context put in the message's
 *     metadata ({@code traceparent}/{@code tracestate}; the first send's also as {@code rebound-creation-traceparent},
 *     kept for good; after a failure, the failed attempt's as {@code rebound-attempt-traceparent});</li>
 * <li>{@code process {channel}} (CONSUMER) around a handler taken off a queue, the send its parent; after a
 *     delayed retry a new trace linked to the failed attempt and to the creation (or, configured, the same
 *     trace);</li>
 * <li>{@code handle {handler}} (INTERNAL) around a handler a gateway or an internal channel calls, under the
 *     caller's span: one per attempt, an instant retry linked to the attempt before;</li>
 * <li>{@code dead_letter {channel}} (INTERNAL, ERROR with {@code error.type}) when a failed message is stored,
 *     under the last attempt, whose context the stored message keeps ({@code rebound-attempt-traceparent});</li>
 * <li>{@code replay {channel}} (CONSUMER) around a replayed dead letter: a root, linked to the creation, to the
 *     last failed attempt and to the span current where the replay was asked for.</li>
 * </ul>
 * Only the attempt that failed is ERROR: a failure that later succeeds leaves the successful span OK. The failed
 * attempt of this thread is remembered until what follows it (an instant retry, a delayed retry's send, the dead
 * letter) has used it: the pipeline calls all of them on the handling thread. Thread-safe.
 */
public class Tracing implements MessageInterceptor {

    private static final ThreadLocal<FailedAttempt> FAILED = new ThreadLocal<>();

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final DelayedRetryTrace delayedRetry;

    public Tracing(OpenTelemetry openTelemetry, DelayedRetryTrace delayedRetry) {
        this.tracer = openTelemetry.getTracer(SCOPE);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.delayedRetry = delayedRetry;
    }

    /**
     * An attempt that failed on this thread: its span, its error type, the transport of its channel ({@code null}
     * for a synchronous handler), and how it is retried (if it is).
     */
    private record FailedAttempt(UUID messageId, SpanContext span, String errorType, String transport,
                                 MessageObserver.Retry retry) {

        FailedAttempt retried(MessageObserver.Retry how) {
            return new FailedAttempt(messageId, span, errorType, transport, how);
        }
    }

    @Override
    public Message beforeSend(String channel, Message message) {
        return beforeSend(channel, null, message);
    }

    @Override
    public Message beforeSend(String channel, String transport, Message message) {
        MessageHeaders headers = message.headers();
        FailedAttempt failed = failed(headers.messageId());
        SpanBuilder builder = messaging(tracer.spanBuilder(SEND + " " + channel), headers, channel, transport, SEND,
                TYPE_SEND).setSpanKind(SpanKind.PRODUCER);
        if (failed != null) {
            // the failed message forwarded (a delayed retry, an error queue): its send is the failed attempt's end
            builder.setParent(Context.root().with(Span.wrap(failed.span())));
            link(builder, parse(headers.metadata().get(CREATION_TRACEPARENT)), LINK_CREATION);
            if (failed.retry() != null) {
                builder.setAttribute(RETRY_KIND, kind(failed.retry()));   // delayed, or an optimistic-lock resend
            }
        }
        Span span = builder.startSpan();
        try {
            SpanContext sent = span.getSpanContext();
            if (!sent.isValid()) {
                return message;             // no SDK (the no-op API): nothing to carry
            }
            Map<String, String> metadata = new HashMap<>(headers.metadata());
            metadata.remove(TRACEPARENT);
            metadata.remove(TRACESTATE);
            propagator.inject(Context.root().with(span), metadata, MetadataCarrier.INSTANCE);
            metadata.putIfAbsent(CREATION_TRACEPARENT, w3c(sent));
            if (failed != null) {
                metadata.put(ATTEMPT_TRACEPARENT, w3c(failed.span()));
                if (failed.retry() != null) {
                    metadata.put(ATTEMPT_RETRY_KIND, kind(failed.retry()));
                }
                FAILED.remove();
            }
            return with(message, metadata);
        } finally {
            span.end();
        }
    }

    /**
     * The dead letter keeps the last attempt's context as {@code rebound-attempt-traceparent} (the send before it
     * only knew the attempt before), so that a replay links to the attempt that failed last.
     */
    @Override
    public Message deadLettering(Message message, String channel, String handler) {
        FailedAttempt failed = failed(message.headers().messageId());
        if (failed == null || !failed.span().isValid()) {
            return message;
        }
        Map<String, String> metadata = new HashMap<>(message.headers().metadata());
        metadata.put(ATTEMPT_TRACEPARENT, w3c(failed.span()));
        return with(message, metadata);
    }

    private static Message with(Message message, Map<String, String> metadata) {
        MessageHeaders headers = message.headers();
        return new Message(message.payload(), new MessageHeaders(headers.messageId(), headers.correlationId(),
                headers.causationId(), headers.timestamp(), headers.routingKey(), metadata));
    }

    @Override
    public Object aroundHandle(Invocation invocation) throws Throwable {
        MessageHeaders headers = invocation.message().headers();
        Span span = builder(invocation, headers).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            Object result = invocation.proceed();
            FailedAttempt failed = FAILED.get();
            if (failed != null && failed.messageId().equals(headers.messageId())) {
                FAILED.remove();
            }
            return result;
        } catch (Throwable failure) {
            String type = failure.getClass().getName();
            span.setStatus(StatusCode.ERROR, failure.getMessage());
            span.setAttribute(ERROR_TYPE, type);
            span.recordException(failure);
            FAILED.set(new FailedAttempt(headers.messageId(), span.getSpanContext(), type, invocation.transport(),
                    null));
            LogCorrelation.failed(headers.messageId(), span.getSpanContext());
            throw failure;
        } finally {
            span.end();
        }
    }

    private SpanBuilder builder(Invocation invocation, MessageHeaders headers) {
        Map<String, String> metadata = headers.metadata();
        String channel = invocation.channel();
        // the attempt before, when it failed on this thread and is tried again here (instant, optimistic lock)
        FailedAttempt inPlace = inPlace(headers.messageId());
        SpanBuilder builder = switch (invocation.entry()) {
            case CONSUMER, UNIT -> {
                SpanBuilder process = messaging(tracer.spanBuilder(PROCESS + " " + channel), headers, channel,
                        invocation.transport(), PROCESS, TYPE_PROCESS).setSpanKind(SpanKind.CONSUMER);
                SpanContext attempt = parse(metadata.get(ATTEMPT_TRACEPARENT));
                boolean retried = invocation.attempt() > 1 && attempt.isValid();
                if (retried && delayedRetry == DelayedRetryTrace.LINK) {
                    process.setNoParent();
                    link(process, parse(metadata.get(CREATION_TRACEPARENT)), LINK_CREATION);
                } else {
                    process.setParent(propagator.extract(Context.root(), metadata, MetadataCarrier.INSTANCE));
                }
                if (inPlace != null) {
                    retriedInPlace(process, inPlace);
                } else if (retried) {
                    link(process, attempt, LINK_PREVIOUS_ATTEMPT);
                    process.setAttribute(RETRY_KIND, metadata.getOrDefault(ATTEMPT_RETRY_KIND, DELAYED));
                }
                yield process;
            }
            case REPLAY -> {
                String where = channel != null ? channel : invocation.handler();
                SpanBuilder replay = messaging(tracer.spanBuilder(REPLAY + " " + where), headers, channel,
                        invocation.transport(), REPLAY, TYPE_PROCESS).setSpanKind(SpanKind.CONSUMER).setNoParent()
                        .setAttribute(RETRY_KIND, REPLAYED);
                link(replay, parse(metadata.get(CREATION_TRACEPARENT)), LINK_CREATION);
                if (inPlace != null) {
                    // a replay's retry (an optimistic-lock conflict): its previous attempt is the replay's first
                    link(replay, inPlace.span(), LINK_PREVIOUS_ATTEMPT);
                } else {
                    link(replay, parse(metadata.get(ATTEMPT_TRACEPARENT)), LINK_PREVIOUS_ATTEMPT);
                }
                // who replays (an operator's request) is linked, not the parent: the replay is the message's story
                link(replay, Span.current().getSpanContext(), LINK_AMBIENT);
                yield replay;
            }
            case GATEWAY, INTERNAL -> {
                SpanBuilder handle = tracer.spanBuilder(HANDLE + " " + invocation.handler())
                        .setSpanKind(SpanKind.INTERNAL);
                if (inPlace != null) {
                    retriedInPlace(handle, inPlace);
                }
                yield handle;
            }
        };
        return ids(builder, headers).setAttribute(REBOUND_HANDLER, invocation.handler())
                .setAttribute(RETRY_ATTEMPT, (long) invocation.attempt());
    }

    @Override
    public void retried(Message message, String channel, String handler, MessageObserver.Retry retry) {
        FailedAttempt failed = message == null ? null : failed(message.headers().messageId());
        if (failed != null) {
            FAILED.set(failed.retried(retry));
        }
    }

    @Override
    public void deadLettered(Message message, String channel, String handler) {
        String where = channel != null ? channel : handler;
        SpanBuilder builder = tracer.spanBuilder(DEAD_LETTER + " " + where).setSpanKind(SpanKind.INTERNAL);
        FailedAttempt failed = null;
        if (message != null) {
            MessageHeaders headers = message.headers();
            failed = failed(headers.messageId());
            ids(builder, headers);
            link(builder, parse(headers.metadata().get(CREATION_TRACEPARENT)), LINK_CREATION);
        }
        if (failed != null) {
            builder.setParent(Context.root().with(Span.wrap(failed.span())));
        }
        builder.setAttribute(MESSAGING_SYSTEM, system(failed != null ? failed.transport() : null));
        if (handler != null) {
            builder.setAttribute(REBOUND_HANDLER, handler);
        }
        // error.type is required on a failed operation; "_OTHER" is the conventions' value when it is not known
        builder.setAttribute(ERROR_TYPE, failed != null ? failed.errorType() : "_OTHER");
        Span span = builder.startSpan();
        span.setStatus(StatusCode.ERROR);
        span.end();
        FAILED.remove();
    }

    /**
     * An outbox relay's unit: one span from the first row handed on to the unit's end, a root (the relay is the
     * transport's own loop), linked to each relayed message's latest send (its {@code traceparent}, which the target's
     * {@code process} span continues). ERROR when the unit rolled back: those rows are relayed again by a later unit.
     */
    @Override
    public void relayed(Relayed batch) {
        SpanBuilder builder = tracer.spanBuilder(RELAY + " " + batch.channel()).setSpanKind(SpanKind.PRODUCER)
                .setNoParent().setStartTimestamp(batch.started())
                .setAttribute(MESSAGING_SYSTEM, system(batch.transport()))
                .setAttribute(DESTINATION, batch.target())
                .setAttribute(OPERATION_NAME, RELAY).setAttribute(OPERATION_TYPE, TYPE_SEND)
                .setAttribute(RELAY_CHANNEL, batch.channel())
                .setAttribute(BATCH_COUNT, (long) batch.messages().size());
        for (Message message : batch.messages()) {
            SpanContext sent = parse(message.headers().metadata().get(TRACEPARENT));
            if (sent.isValid()) {
                builder.addLink(sent, Attributes.of(LINK_ROLE, LINK_RELAYED, MESSAGE_ID,
                        message.headers().messageId().toString()));
            }
        }
        Span span = builder.startSpan();
        if (!batch.committed()) {
            span.setAttribute(ERROR_TYPE, ROLLED_BACK);
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    @Override
    public void finalStrategy(Message message, String channel, String handler, FinalFailureStrategy strategy,
                              Throwable failure) {
        FAILED.remove();
    }

    /** The failed attempt of this thread if it was {@code messageId}'s and is retried on this thread now. */
    private static FailedAttempt inPlace(UUID messageId) {
        FailedAttempt failed = failed(messageId);
        return failed != null && (failed.retry() == MessageObserver.Retry.INSTANT
                || failed.retry() == MessageObserver.Retry.OPTIMISTIC_LOCK) ? failed : null;
    }

    private static void retriedInPlace(SpanBuilder builder, FailedAttempt failed) {
        link(builder, failed.span(), LINK_PREVIOUS_ATTEMPT);
        builder.setAttribute(RETRY_KIND, kind(failed.retry()));
    }

    /** {@code rebound.retry.kind} of a retry. */
    private static String kind(MessageObserver.Retry retry) {
        return switch (retry) {
            case INSTANT -> INSTANT;
            case DELAYED -> DELAYED;
            case OPTIMISTIC_LOCK -> OPTIMISTIC_LOCK;
        };
    }

    /** The failed attempt of this thread if it was {@code messageId}'s. */
    private static FailedAttempt failed(UUID messageId) {
        FailedAttempt failed = FAILED.get();
        return failed != null && failed.messageId().equals(messageId) ? failed : null;
    }

    private static SpanBuilder messaging(SpanBuilder builder, MessageHeaders headers, String destination,
                                         String transport, String operation, String type) {
        builder.setAttribute(MESSAGING_SYSTEM, system(transport)).setAttribute(OPERATION_NAME, operation)
                .setAttribute(OPERATION_TYPE, type);
        if (destination != null) {
            builder.setAttribute(DESTINATION, destination);
        }
        return ids(builder, headers);
    }

    /** {@code messaging.system}: the transport's name ({@code jms}, {@code in-memory}), else Rebound's own. */
    private static String system(String transport) {
        return transport != null ? transport : SYSTEM;
    }

    private static SpanBuilder ids(SpanBuilder builder, MessageHeaders headers) {
        String id = headers.messageId().toString();
        return builder.setAttribute(MESSAGE_ID, id).setAttribute(REBOUND_MESSAGE_ID, id)
                .setAttribute(CONVERSATION_ID, headers.correlationId().toString());
    }

    private static void link(SpanBuilder builder, SpanContext linked, String role) {
        if (linked.isValid()) {
            builder.addLink(linked, Attributes.of(LINK_ROLE, role));
        }
    }

    /** A stored W3C {@code traceparent}, or the invalid context if absent or unreadable. */
    static SpanContext parse(String traceparent) {
        if (traceparent == null) {
            return SpanContext.getInvalid();
        }
        Context context = W3CTraceContextPropagator.getInstance().extract(Context.root(),
                Map.of(TRACEPARENT, traceparent), MetadataCarrier.INSTANCE);
        return Span.fromContext(context).getSpanContext();
    }

    /** A span context as a W3C {@code traceparent} (version 00). */
    static String w3c(SpanContext context) {
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }
}
