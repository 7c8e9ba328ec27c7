package dev.rebound;

import java.time.Instant;
import java.util.List;

/**
 * Dead letter totals, for dashboards and metrics.
 *
 * @param total how many dead letters are stored
 * @param oldestFailure the earliest first failure, or {@code null} when there is none
 * @param channels how many per channel
 */
public record DeadLetterStats(long total, Instant oldestFailure, List<ChannelCount> channels) {

    public DeadLetterStats {
        channels = List.copyOf(channels);
    }

    /**
     * @param channel the asynchronous channel, or {@code null} for failures at synchronous entry points
     * @param count how many dead letters
     */
    public record ChannelCount(String channel, long count) {
    }
}
