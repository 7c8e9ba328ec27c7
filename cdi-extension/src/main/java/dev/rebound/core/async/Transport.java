package dev.rebound.core.async;

import dev.rebound.spi.ChannelStatus;
import dev.rebound.spi.QueueChannel;
import java.util.List;

/**
 * A messaging transport (JMS) behind the asynchronous channels. Rebound creates one at deployment through
 * a {@link TransportFactory} found with {@link java.util.ServiceLoader}. Thread-safe.
 */
public interface Transport {

    /** The queue channel of this name; called at deployment for every asynchronous channel. */
    QueueChannel channel(String name);

    /**
     * Starts consuming every channel made by {@link #channel} that is not consuming now (never started, stopped,
     * or stopped by the {@code STOP} strategy); received messages go to {@code handling}. Channels that are
     * consuming keep their consumers.
     */
    void start(ConsumerHandling handling, PoisonMessages poison);

    /** Stops consuming: in-flight handlers finish or their message goes back to the queue. */
    void stop();

    /** What the consumers of every channel made by {@link #channel} are doing now, one entry per channel. */
    List<ChannelStatus> status();
}
