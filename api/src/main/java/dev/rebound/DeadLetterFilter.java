package dev.rebound;

import java.time.Instant;
import java.util.UUID;

/**
 * Which dead letters an operation applies to. Every criterion is optional ({@code null} matches all); given
 * criteria must all match. The time window applies to the first failure ({@link DeadLetter#failedAt()}),
 * which never changes, so that a window and a page cursor stay valid while messages fail again.
 *
 * @param channel the asynchronous channel the failed handler consumes from (or a poison message came from)
 * @param handler the failed handler's id ({@code Class#method})
 * @param exceptionClass the class name of the latest failure
 * @param fingerprint the failure group ({@link FailureGroup#fingerprint()})
 * @param from first failure at or after this instant
 * @param to first failure at or before this instant
 * @param messageId the failed message's id ({@link DeadLetter#messageId()}): the dead letters of one message, one
 *        per handler that failed
 * @param id the dead letter's own id ({@link DeadLetter#id()}): at most one dead letter; how a store deletes (and a
 *        replay claims) one dead letter
 */
public record DeadLetterFilter(String channel, String handler, String exceptionClass, String fingerprint,
                               Instant from, Instant to, UUID messageId, UUID id) {

    private static final DeadLetterFilter ALL = new DeadLetterFilter(null, null, null, null, null, null, null, null);

    /** Every dead letter. */
    public static DeadLetterFilter all() {
        return ALL;
    }

    public DeadLetterFilter withChannel(String value) {
        return new DeadLetterFilter(value, handler, exceptionClass, fingerprint, from, to, messageId, id);
    }

    public DeadLetterFilter withHandler(String value) {
        return new DeadLetterFilter(channel, value, exceptionClass, fingerprint, from, to, messageId, id);
    }

    public DeadLetterFilter withExceptionClass(String value) {
        return new DeadLetterFilter(channel, handler, value, fingerprint, from, to, messageId, id);
    }

    public DeadLetterFilter withFingerprint(String value) {
        return new DeadLetterFilter(channel, handler, exceptionClass, value, from, to, messageId, id);
    }

    public DeadLetterFilter withFrom(Instant value) {
        return new DeadLetterFilter(channel, handler, exceptionClass, fingerprint, value, to, messageId, id);
    }

    public DeadLetterFilter withTo(Instant value) {
        return new DeadLetterFilter(channel, handler, exceptionClass, fingerprint, from, value, messageId, id);
    }

    public DeadLetterFilter withMessageId(UUID value) {
        return new DeadLetterFilter(channel, handler, exceptionClass, fingerprint, from, to, value, id);
    }

    public DeadLetterFilter withId(UUID value) {
        return new DeadLetterFilter(channel, handler, exceptionClass, fingerprint, from, to, messageId, value);
    }

    /** This filter limited to messages that had failed at {@code cutOff}: the snapshot of a bulk operation. */
    public DeadLetterFilter upTo(Instant cutOff) {
        return withTo(to == null || to.isAfter(cutOff) ? cutOff : to);
    }
}
