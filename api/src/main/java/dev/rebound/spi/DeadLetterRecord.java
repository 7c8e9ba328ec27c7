package dev.rebound.spi;

import dev.rebound.FailedAttempt;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A dead letter as a store keeps it: plain text and numbers, the payload and headers already encoded as
 * JSON. Stores never interpret the body.
 *
 * @param id the dead letter's key: one per failed (message, handler), see {@code dev.rebound.deadletter.DeadLetterIds}
 * @param messageId the failed message's id; several dead letters share it when several handlers of one event failed
 * @param payloadType the payload's class name as sent
 * @param body the payload as JSON (or the raw body of an unreadable message)
 * @param headers the message headers as JSON
 * @param exceptionClass class of the latest failure
 * @param exceptionMessage message of the latest failure
 * @param rootCauseClass class of the latest failure's root cause
 * @param rootCauseMessage message of the root cause
 * @param stackTrace bounded stack trace of the latest failure
 * @param handler the failed handler's id, or {@code null}
 * @param origin the entry point or channel the message came through
 * @param attempts attempts made so far
 * @param failedAt when it first failed
 * @param lastFailedAt when it last failed
 * @param note why the body is missing or raw (unserializable payload, unreadable message), or {@code null}
 * @param channel the asynchronous channel of the failed handler or of an unreadable message, or {@code null}
 * @param fingerprint the failure group of the latest failure
 * @param failureSite the first application stack frame of the latest failure, or {@code null}
 * @param history the failures recorded so far, oldest first; ignored by {@link DeadLetterStore#save}, which
 *        records the saved failure itself
 */
public record DeadLetterRecord(UUID id, UUID messageId, String payloadType, String body, String headers,
                               String exceptionClass, String exceptionMessage, String rootCauseClass,
                               String rootCauseMessage, String stackTrace, String handler, String origin,
                               int attempts, Instant failedAt, Instant lastFailedAt, String note, String channel,
                               String fingerprint, String failureSite, List<FailedAttempt> history) {

    public DeadLetterRecord {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** A record without channel, group or history. */
    public DeadLetterRecord(UUID id, UUID messageId, String payloadType, String body, String headers,
                            String exceptionClass, String exceptionMessage, String rootCauseClass,
                            String rootCauseMessage, String stackTrace, String handler, String origin,
                            int attempts, Instant failedAt, Instant lastFailedAt, String note) {
        this(id, messageId, payloadType, body, headers, exceptionClass, exceptionMessage, rootCauseClass,
                rootCauseMessage, stackTrace, handler, origin, attempts, failedAt, lastFailedAt, note, null, null,
                null, List.of());
    }

    /** The same record with its history replaced. */
    public DeadLetterRecord withHistory(List<FailedAttempt> value) {
        return new DeadLetterRecord(id, messageId, payloadType, body, headers, exceptionClass, exceptionMessage,
                rootCauseClass, rootCauseMessage, stackTrace, handler, origin, attempts, failedAt, lastFailedAt,
                note, channel, fingerprint, failureSite, value);
    }

    /** This failure as an entry of the history, its messages cut to {@link FailedAttempt#MAX_MESSAGE_LENGTH}. */
    public FailedAttempt asAttempt() {
        return new FailedAttempt(lastFailedAt, attempts, exceptionClass, cut(exceptionMessage), rootCauseClass,
                cut(rootCauseMessage));
    }

    private static String cut(String text) {
        int max = FailedAttempt.MAX_MESSAGE_LENGTH;
        return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
