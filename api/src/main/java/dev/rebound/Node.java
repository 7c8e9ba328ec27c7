package dev.rebound;

import dev.rebound.spi.ChannelStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One node of the application as the node registry knows it (see {@link Nodes}).
 *
 * @param name its name ({@code rebound.node})
 * @param state alive, not seen for three heartbeats, or stopped
 * @param self whether it is the node that answers
 * @param startedAt when it started
 * @param heartbeatAt its last heartbeat; {@code null} for this node before its first one, or without a registry
 * @param heartbeat its heartbeat interval
 * @param stoppedAt when it shut down; {@code null} unless {@link State#STOPPED}
 * @param version the Rebound it runs
 * @param channels its consumers per asynchronous channel, in channel order, as of {@code heartbeatAt} (this node's:
 *        now)
 */
public record Node(String name, State state, boolean self, Instant startedAt, Instant heartbeatAt, Duration heartbeat,
                   Instant stoppedAt, String version, List<Channel> channels) {

    public Node {
        channels = List.copyOf(channels);
    }

    /** Whether a node is heard from. */
    public enum State {
        /** Its last heartbeat is less than three of its intervals old. */
        ALIVE,
        /** No heartbeat for three of its intervals: it died, hangs, or cannot reach the database. */
        NOT_SEEN,
        /** It shut down (and said so). */
        STOPPED
    }

    /**
     * The consumers of one channel on a node.
     *
     * @param channel the channel
     * @param state what they do (consuming, paused, stopped by {@code STOP}, ...)
     * @param consumers how many the channel runs when consuming
     * @param live consumer threads alive
     * @param failure what made it so, as its exception type and REBOUND code ({@code null} if none)
     */
    public record Channel(String channel, ChannelStatus.State state, int consumers, int live, String failure) {
    }
}
