package dev.rebound.spi;

import java.time.Instant;
import java.util.UUID;

/**
 * A dead letter as a store keeps it: plain text and numbers, the payload and headers already encoded as
 * JSON. Stores never interpret the body.
 *
 * @param messageId the failed message's id, the record's key
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
 */
public record DeadLetterRecord(UUID messageId, String payloadType, String body, String headers,
                               String exceptionClass, String exceptionMessage, String rootCauseClass,
                               String rootCauseMessage, String stackTrace, String handler, String origin,
                               int attempts, Instant failedAt, Instant lastFailedAt, String note) {
}
