package dev.rebound;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reviews, replays and deletes the messages stored by the {@link Channels#DEAD_LETTER} channel.
 * Injectable; thread-safe. Each operation runs in its own transaction (the caller's is suspended).
 */
public interface DeadLetters {

    /** Dead letters, oldest failure first. */
    List<DeadLetter> list(int offset, int limit);

    /** How many dead letters are stored. */
    long count();

    /** One dead letter, if stored. */
    Optional<DeadLetter> show(UUID messageId);

    /**
     * Sends the stored message again (same payload, headers and id) to where it was going. The dead
     * letter is removed only when handling succeeds; when it fails again the entry is updated (attempts,
     * latest error) and {@code false} is returned.
     *
     * @return whether the message was handled
     * @throws DeadLetterNotFoundException if no dead letter has this id
     */
    boolean replay(UUID messageId);

    /**
     * Replays each of the given dead letters; ids that are not stored are skipped.
     *
     * @return how many were handled (and removed)
     */
    int replay(Collection<UUID> messageIds);

    /** Replays every dead letter stored when the call starts; returns how many were handled. */
    int replayAll();

    /** Removes one dead letter; returns whether it was there. */
    boolean delete(UUID messageId);

    /** Removes every dead letter; returns how many were removed. */
    int deleteAll();
}
