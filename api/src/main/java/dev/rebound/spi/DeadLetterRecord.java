package dev.rebound.spi;

import dev.rebound.FailedAttempt;
import dev.rebound.Failure;
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
 * @param failure the latest failure (messages and stack trace already cut by Rebound: a store keeps them whole)
 * @param handler the failed handler's id, or {@code null}
 * @param origin the entry point or channel the message came through
 * @param attempts attempts made so far
 * @param failedAt when it first failed
 * @param lastFailedAt when it last failed
 * @param note why the body is missing or raw (unserializable payload, unreadable message), or {@code null}
 * @param channel the asynchronous channel of the failed handler or of an unreadable message, or {@code null}
 * @param fingerprint the failure group of the latest failure
 * @param history the failures recorded so far, oldest first; ignored by {@link DeadLetterStore#save}, which
 *        records the saved failure itself ({@link #asAttempt()})
 */
public record DeadLetterRecord(UUID id, UUID messageId, String payloadType, String body, String headers,
                               Failure failure, String handler, String origin, int attempts, Instant failedAt,
                               Instant lastFailedAt, String note, String channel, String fingerprint,
                               List<FailedAttempt> history) {

    public DeadLetterRecord {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** The same record with its history replaced. */
    public DeadLetterRecord withHistory(List<FailedAttempt> value) {
        return new DeadLetterRecord(id, messageId, payloadType, body, headers, failure, handler, origin, attempts,
                failedAt, lastFailedAt, note, channel, fingerprint, value);
    }

    /** This record's failure as an entry of the history ({@link FailedAttempt#of}), at {@code lastFailedAt}. */
    public FailedAttempt asAttempt() {
        return FailedAttempt.of(lastFailedAt, attempts, failure);
    }
}
