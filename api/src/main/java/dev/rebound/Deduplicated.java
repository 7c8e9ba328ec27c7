package dev.rebound;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a handler (or a gateway method) at most once per key: the key is claimed in the handler's own transaction
 * before the handler runs, and a message whose key was claimed already is acknowledged without calling the handler.
 * The claim commits or rolls back with the handler's work, so a failed attempt records nothing and its retries,
 * delayed retries and replays run the handler again.
 *
 * <p>The key is the Rebound message id unless a header ({@link #value()} or {@link #header()}) or an
 * {@link #expression()} is given. Keys are scoped per handler (its id), so that a copy re-sent for one failed
 * handler of an event is not dropped because a sibling handled the original; handlers (or gateways) with the same
 * {@link #trackingName()} share one scope. Keys are kept for {@code rebound.deduplication.retention} (7 days by
 * default). Needs the application's JTA EntityManager and the table {@code rebound_dedup}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Deduplicated {

    /** The header whose value is the key (same as {@link #header()}); empty: the message id. */
    String value() default "";

    /** The header whose value is the key; empty: the message id. */
    String header() default "";

    /**
     * A Jakarta Expression Language expression over {@code payload} and {@code headers} (a map of the header names,
     * {@code messageId} and the metadata, to their values) whose value is the key, e.g. {@code payload.orderId} or
     * {@code headers['orderId'].concat(payload.line)}; with or without {@code ${...}}. Parsed at deployment; needs an
     * EL implementation at run time (a Jakarta EE server has one).
     */
    String expression() default "";

    /** The scope of the keys: empty for the handler's own (its id, or the gateway method); equal names share. */
    String trackingName() default "";
}
