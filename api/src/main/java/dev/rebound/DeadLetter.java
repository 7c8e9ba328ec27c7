package dev.rebound;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A stored failed message, as {@link DeadLetters} shows it.
 *
 * @param id the dead letter's id, which {@link DeadLetters#show}, {@link DeadLetters#replay(UUID)} and
 *        {@link DeadLetters#delete(UUID)} take: one dead letter per failed (message, handler), so when two
 *        handlers of one event fail there are two dead letters with two ids and one message id. It is the message
 *        id itself when no handler was reached (an unreadable message, a command nobody handles).
 * @param messageId the failed message's id ({@link DeadLetterFilter#withMessageId finds} its dead letters)
 * @param payload the payload read back as its type, or {@code null} when it cannot be (see {@link #body()})
 * @param payloadType the payload's class name as it was sent
 * @param body the payload as stored (JSON), or the raw body of a message that could not be read
 * @param headers the original headers, or {@code null} when they could not be read (see {@link #properties()})
 * @param failure the latest failure: its messages cut to {@link Failure#MAX_MESSAGE_LENGTH}, its stack trace to
 *        {@link Failure#MAX_STACK_TRACE_LENGTH}, its {@link Failure#site() site} the first application frame
 * @param handler the handler that failed, or {@code null}
 * @param origin the entry point or channel the message came through
 * @param attempts how many times handling was attempted, replays included
 * @param failedAt when it first failed
 * @param lastFailedAt when it last failed
 * @param note why the payload could not be stored or read back, or {@code null}
 * @param channel the asynchronous channel of the failed handler (or where an unreadable message was read), or
 *        {@code null} for a failure at a synchronous entry point
 * @param fingerprint the failure group it belongs to ({@link FailureGroup})
 * @param history its failures, oldest first (at most {@link FailedAttempt#MAX_KEPT}, the latest kept)
 * @param properties the headers as stored, as text, when they are not Rebound's {@link #headers()}: the raw
 *        properties of a message that could not be read (a poison message); empty otherwise
 */
public record DeadLetter(UUID id, UUID messageId, Object payload, String payloadType, String body, MessageHeaders headers,
                         Failure failure, String handler, String origin, int attempts, Instant failedAt,
                         Instant lastFailedAt, String note, String channel, String fingerprint,
                         List<FailedAttempt> history, Map<String, String> properties) {

    public DeadLetter {
        history = history == null ? List.of() : List.copyOf(history);
        properties = properties == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
