package dev.rebound.spi;

import java.util.List;

/**
 * A messaging transport behind Rebound's asynchronous (queue) channels: JMS, the in-memory transport of tests, a
 * database table. Made once per application by its {@link TransportFactory} for the channels configured to use
 * it; Rebound calls it only at deployment ({@link #channel}), when the consumers start or stop, and for health.
 * Thread-safe.
 *
 * <p>A transport owns the unit of work of a received message: receiving it, having Rebound handle it
 * ({@link Inbound}) and carrying the returned {@link Outcome} out (forward, deliver, final strategy) together
 * with the acknowledgement, so that both happen or neither. Rebound never sends on the transport's behalf.
 */
public interface Transport {

    /** The queue channel of this name; called at deployment once for every channel this transport carries. */
    QueueChannel channel(String name);

    /**
     * Starts consuming every channel made by {@link #channel} that is not consuming now (never started, paused,
     * or stopped by the final strategy {@code STOP}); channels that consume keep their consumers. Received
     * messages go to {@code inbound}.
     */
    void start(Inbound inbound);

    /** Stops consuming: in-flight handlers finish, or their message goes back to the queue. Idempotent. */
    void stop();

    /**
     * Stops consuming one channel made by {@link #channel}, as {@link #stop()} does for all: in-flight handlers
     * finish (within the transport's shutdown timeout), or their message goes back to the queue; the channel's
     * messages wait on the queue. The other channels keep consuming. Idempotent.
     */
    void pause(String channel);

    /**
     * Starts consuming one channel made by {@link #channel} if it does not consume now (never started, paused, or
     * stopped by {@code STOP}), as {@link #start} does for all; a consuming channel keeps its consumers.
     */
    void resume(String channel, Inbound inbound);

    /** What the consumers of every channel made by {@link #channel} are doing now, one entry per channel. */
    List<ChannelStatus> status();

    /**
     * Whether the transport's broker (or store) answers now, for the readiness check; bounded in time, never
     * throws. The default says it is up, for transports with nothing remote.
     */
    default TransportHealth health() {
        return TransportHealth.UP;
    }

    /**
     * The depth and lag of the channels made by {@link #channel} that this transport can measure (a database
     * channel's rows), for metrics, the dashboard and the readiness check; called often (every scrape and probe), so
     * the transport reads its figures at most every few seconds and returns the last ones in between. Bounded in
     * time, never throws. The default measures nothing.
     */
    default List<Backlog> backlog() {
        return List.of();
    }
}
