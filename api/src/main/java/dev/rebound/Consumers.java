package dev.rebound;

import dev.rebound.spi.Backlog;
import dev.rebound.spi.ChannelStatus;
import dev.rebound.spi.TransportHealth;
import java.util.List;
import java.util.Set;

/**
 * The consumers of the application's asynchronous channels: what they do, and pausing and resuming them, one
 * channel or all. Injectable; thread-safe. The consumers start with the application and stop with it; a paused
 * channel's messages wait on its queue until it is resumed.
 *
 * <p>Nothing here carries an exception's text (see {@link ChannelStatus}), so that it can be published, e.g. by a
 * readiness check. A channel that is not asynchronous (see {@link #channels()}) is refused with an
 * {@link IllegalArgumentException} (REBOUND-2070).
 */
public interface Consumers {

    /** The names of the asynchronous channels (those with consumers), in name order; empty without any. */
    Set<String> channels();

    /** What the consumers of every asynchronous channel do now, in channel name order. */
    List<ChannelStatus> status();

    /** What the consumers of this asynchronous channel do now. */
    ChannelStatus status(String channel);

    /**
     * Stops this channel's consumers: in-flight handlers finish (or, past the transport's shutdown timeout, their
     * message goes back to the queue); new messages wait on the queue. Pausing a paused channel does nothing.
     */
    void pause(String channel);

    /**
     * Starts this channel's consumers if they do not consume: after {@link #pause}, or after the final failure
     * strategy {@code STOP} stopped them. Consuming channels are left alone.
     */
    void resume(String channel);

    /** {@link #pause} for every asynchronous channel. */
    void pauseAll();

    /** {@link #resume} for every asynchronous channel. */
    void resumeAll();

    /**
     * Whether the brokers of the channels' transports answer now: bounded in time; its detail names exception
     * types and REBOUND codes, never an exception's text. Up without asynchronous channels.
     */
    TransportHealth health();

    /**
     * How far behind the channels are whose transport can tell (a database channel, a relay: rows waiting and the
     * age of the oldest due one), in channel name order; the other channels are not listed. Read at most every few
     * seconds by each transport, so that frequent callers (scrapes, probes) do not load the database.
     */
    default List<Backlog> backlog() {
        return List.of();
    }
}
