package dev.rebound.opentelemetry;

import io.opentelemetry.api.common.AttributeKey;

/**
 * Every name Rebound's spans use, in one place: the messaging semantic conventions are still "development", so they
 * are pinned to one version ({@link #SEMCONV_VERSION}) and a later, stable one is a change of this class only.
 * Rebound's own names start with {@code rebound.}. User headers are never copied into attributes.
 */
public final class TracingNames {

    /** The semantic conventions the names follow. */
    public static final String SEMCONV_VERSION = "1.44.0";
    /** The instrumentation scope of Rebound's tracer. */
    public static final String SCOPE = "dev.rebound";

    // --- span names: "{messaging.operation.name} {destination}"; handler ids where there is no destination

    public static final String SEND = "send";
    public static final String PROCESS = "process";
    /** the synchronous call of a handler by a gateway or an internal channel (INTERNAL span) */
    public static final String HANDLE = "handle";
    /** a failed message stored as a dead letter (INTERNAL span) */
    public static final String DEAD_LETTER = "dead_letter";
    /** a dead letter handled again (CONSUMER span, a root linked to the message's story) */
    public static final String REPLAY = "replay";

    // --- semantic conventions v1.44.0

    public static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    public static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    public static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    public static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    public static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    public static final AttributeKey<String> CONVERSATION_ID =
            AttributeKey.stringKey("messaging.message.conversation_id");
    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    // --- metrics of the conventions v1.44.0 (MessagingMetrics)

    public static final String SENT_MESSAGES = "messaging.client.sent.messages";
    public static final String CONSUMED_MESSAGES = "messaging.client.consumed.messages";
    public static final String PROCESS_DURATION = "messaging.process.duration";

    // --- Rebound's own metrics, named in the conventions' style (OperationsMetrics)

    /** gauge, {message}: a channel's messages (waiting, delayed, in flight), with {@link #DESTINATION} */
    public static final String CHANNEL_DEPTH = "rebound.channel.depth";
    /** gauge, s: how long a channel's oldest due message has waited (an outbox that lags), with {@link #DESTINATION} */
    public static final String CHANNEL_LAG = "rebound.channel.lag";
    /** counter, {message}: duplicates acknowledged without running the handler, with {@link #REBOUND_HANDLER} */
    public static final String DUPLICATES = "rebound.deduplication.duplicates";

    /** {@code messaging.operation.type} values */
    public static final String TYPE_SEND = "send";
    public static final String TYPE_PROCESS = "process";
    /**
     * {@code messaging.system} where no transport carries the message (a synchronous handler's dead letter and
     * replay); elsewhere it is the transport's name ({@code TransportFactory#name()}): {@code jms} is the
     * conventions' value for JMS, {@code in-memory} (and later {@code database}) are Rebound's own, which the
     * conventions allow.
     */
    public static final String SYSTEM = "rebound";

    // --- Rebound's own

    public static final AttributeKey<String> REBOUND_MESSAGE_ID = AttributeKey.stringKey("rebound.message.id");
    public static final AttributeKey<String> REBOUND_HANDLER = AttributeKey.stringKey("rebound.handler");
    public static final AttributeKey<Long> RETRY_ATTEMPT = AttributeKey.longKey("rebound.retry.attempt");
    public static final AttributeKey<String> RETRY_KIND = AttributeKey.stringKey("rebound.retry.kind");
    /** on a link: what the linked span was to this one ({@link #LINK_CREATION}, {@link #LINK_PREVIOUS_ATTEMPT}, {@link #LINK_AMBIENT}) */
    public static final AttributeKey<String> LINK_ROLE = AttributeKey.stringKey("rebound.link");

    /** {@code rebound.retry.kind} values */
    public static final String INSTANT = "instant";
    public static final String DELAYED = "delayed";
    public static final String REPLAYED = "replay";
    /** a retry after an optimistic-lock conflict ({@code rebound.optimistic-lock.*}) */
    public static final String OPTIMISTIC_LOCK = "optimistic_lock";

    /** {@code rebound.link} values */
    public static final String LINK_CREATION = "creation";
    public static final String LINK_PREVIOUS_ATTEMPT = "previous_attempt";
    /** the span current where a replay was asked for (an operator's request) */
    public static final String LINK_AMBIENT = "ambient";

    // --- message metadata (the carrier: it travels with the message over every transport, retry and dead letter)

    /** W3C trace context of the latest send: the parent of the next {@code process} span. */
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    /** the W3C trace context of the message's first send, kept across retries, the dead letter and replays */
    public static final String CREATION_TRACEPARENT = "rebound-creation-traceparent";
    /** the W3C trace context of the attempt that failed before the latest send (a delayed retry, an error queue) */
    public static final String ATTEMPT_TRACEPARENT = "rebound-attempt-traceparent";
    /** how the message was sent again after that attempt: {@code delayed}, {@code optimistic_lock} (a resend) */
    public static final String ATTEMPT_RETRY_KIND = "rebound-attempt-retry-kind";

    // --- the outbox relay and the Java agent (issue 15, second part: kept in a block of their own)

    /** an outbox relay's unit of work: the rows it handed to their target (PRODUCER span, linked to each) */
    public static final String RELAY = "relay";
    public static final AttributeKey<Long> BATCH_COUNT = AttributeKey.longKey("messaging.batch.message_count");
    /** on a relay span: the channel whose rows were relayed (the outbox); the destination is the target */
    public static final AttributeKey<String> RELAY_CHANNEL = AttributeKey.stringKey("rebound.relay.channel");
    /** {@code rebound.link} of a relay span's link to a relayed message's send */
    public static final String LINK_RELAYED = "relayed";
    /** {@code error.type} of a relay whose unit rolled back (its rows are relayed again later) */
    public static final String ROLLED_BACK = "rolled_back";

    // --- configuration, read once at deployment

    /** {@code link} (default: the next delivery of a delayed retry starts a new trace, linked) or {@code continue} */
    public static final String DELAYED_RETRY_PROPERTY = "rebound.tracing.delayed-retry";

    private TracingNames() {
    }
}
