package dev.rebound.examples.orders.deadletter;

import dev.rebound.DeadLetter;
import java.time.Instant;
import java.util.UUID;

/** A dead letter in a list: what failed, where, how often and why (the latest error). */
public record DeadLetterSummary(UUID messageId, String payloadType, Object payload, String handler, String error,
                                int attempts, Instant failedAt, Instant lastFailedAt, String note) {

    static DeadLetterSummary of(DeadLetter letter) {
        return new DeadLetterSummary(letter.messageId(), letter.payloadType(), letter.payload(), letter.handler(),
                letter.exceptionClass() + ": " + letter.exceptionMessage(), letter.attempts(), letter.failedAt(),
                letter.lastFailedAt(), letter.note());
    }
}
