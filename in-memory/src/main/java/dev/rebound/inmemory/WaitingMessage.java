package dev.rebound.inmemory;

import java.time.Duration;
import java.util.UUID;

/**
 * A message on an in-memory channel, as a test sees it ({@link InMemoryChannels#waiting}).
 *
 * @param id the queue's id of the message (new for every send and retry)
 * @param messageId Rebound's message id, kept across retries; {@code null} for a raw message without headers
 * @param payloadType the payload's type name, or {@code null}
 * @param body the payload as it travels (JSON)
 * @param handler the handler it is for, or {@code null}
 * @param attempt 1 for the first attempt
 * @param deliveries how often a consumer took it so far
 * @param dueIn how long until it can be taken (zero when it can now)
 * @param inFlight whether a consumer has it now
 */
public record WaitingMessage(UUID id, UUID messageId, String payloadType, String body, String handler, int attempt,
                             int deliveries, Duration dueIn, boolean inFlight) {
}
