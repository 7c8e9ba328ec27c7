package dev.rebound.examples.orders.deadletter;

import dev.rebound.DeadLetter;
import java.time.Instant;
import java.util.UUID;

/**
 * A dead letter in a list: what failed, where, how often and why (the latest error). {@code id} is what show,
 * replay and delete take (one dead letter per failed handler); {@code messageId} is the failed message's.
 */
public record DeadLetterSummary(UUID id, UUID messageId, String payloadType, Object payload, String handler, String error,
                                int attempts, Instant failedAt, Instant lastFailedAt, String note) {

    static DeadLetterSummary of(DeadLetter letter) {
        return new DeadLetterSummary(letter.id(), letter.messageId(), letter.payloadType(), letter.payload(), letter.handler(),
                letter.failure().exceptionClass() + ": " + letter.failure().exceptionMessage(), letter.attempts(), letter.failedAt(),
                letter.lastFailedAt(), letter.note());
    }
}
