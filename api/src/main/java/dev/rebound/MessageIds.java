package dev.rebound;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * New message ids: time-ordered UUIDs of version 7 (RFC 9562): the Unix time in milliseconds in the first 48 bits,
 * then 74 random bits. Ids made later sort later (to the millisecond), so the indexes of the tables that store
 * them (the dead letter, database channels) grow at their end instead of at random pages.
 *
 * <p>The random bits come from {@link ThreadLocalRandom}, not from the shared {@code SecureRandom} of
 * {@link UUID#randomUUID()}: a message id is an identity, not a secret, and the secure generator cost about 40 % of a
 * gateway call and serialized the threads that make ids at once. Two ids of one millisecond collide with a
 * probability of about 2<sup>-74</sup>; each JVM's generators are seeded independently.
 */
public final class MessageIds {

    private MessageIds() {
    }

    /** Seconds since the epoch below which a time fits the id's 48 bits of milliseconds (the year 10889). */
    private static final long MAX_SECONDS = (1L << 48) / 1000;

    /** A new id, version 7, variant IETF. */
    public static UUID next() {
        return of(System.currentTimeMillis(), ThreadLocalRandom.current());
    }

    /**
     * A new id carrying {@code now} (the new message's timestamp), so that a message costs one reading of the clock
     * rather than two (a reading was about 15 % of a gateway call); the current time when {@code now} is before
     * the epoch or beyond what 48 bits of milliseconds hold.
     */
    public static UUID at(Instant now) {
        long seconds = now.getEpochSecond();
        long millis = seconds >= 0 && seconds < MAX_SECONDS ? seconds * 1000 + now.getNano() / 1_000_000
                : System.currentTimeMillis();
        return of(millis, ThreadLocalRandom.current());
    }

    static UUID of(long unixMillis, ThreadLocalRandom random) {
        long msb = (unixMillis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
