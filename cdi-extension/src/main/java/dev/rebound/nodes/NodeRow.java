package dev.rebound.nodes;

/**
 * A row of {@code rebound_node} as stored: times in epoch milliseconds, the channels in {@link ChannelLines}' text.
 *
 * @param stoppedAt {@code null} while the node has not said it shut down
 */
public record NodeRow(String node, long startedAt, long heartbeatAt, long heartbeatMs, Long stoppedAt,
                      String version, String channels) {
}
