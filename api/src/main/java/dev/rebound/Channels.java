package dev.rebound;

/** Names of the channels that Rebound provides. */
public final class Channels {

    /** Discards every message sent to it. */
    public static final String NULL_CHANNEL = "nullChannel";

    /** Stores failed messages in the database, for {@link DeadLetters} to list, replay and delete. */
    public static final String DEAD_LETTER = "deadLetter";

    private Channels() {
    }
}
