package dev.rebound.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The key of a dead letter: one per failed (message, handler). Two handlers of one event fail on their own and
 * are replayed on their own, so they must not share an entry; the same handler failing again on the same message
 * (a redelivery, a failed replay) must find its entry. Deterministic, so that every process and the schema
 * migrations ({@code db/rebound/<database>/V3__rebound_dead_letter.sql}, which compute the same name-based
 * UUID in SQL where the database has MD5) agree.
 * Stateless.
 */
public final class DeadLetterIds {

    private DeadLetterIds() {
    }

    /**
     * The dead letter id of a message's failure in a handler: a name-based (version 3) UUID of both, or the
     * message id itself when no handler was reached (an unreadable message, a command without a handler).
     *
     * @param handler the failed handler's id ({@code Class#method}), or {@code null}
     */
    public static UUID of(UUID messageId, String handler) {
        if (handler == null) {
            return messageId;
        }
        return UUID.nameUUIDFromBytes(("rebound-dead-letter:" + messageId + ":" + handler)
                .getBytes(StandardCharsets.UTF_8));
    }
}
