package dev.rebound.spi;

import java.time.Duration;
import java.time.Instant;

/**
 * How far behind the consumers (or the relay) of one asynchronous channel are, as its transport measures it: a
 * database channel counts the rows of its table. Transports that cannot tell (a JMS queue) report none. The figures
 * are read at most every few seconds, not at each call: {@link #measured()} says when.
 *
 * @param channel the channel
 * @param depth the messages on the channel now: waiting, delayed (due later) and being handled
 * @param lag how long the oldest message that is due has been waiting since it became due; zero when none is due
 * @param measured when the figures were read
 */
public record Backlog(String channel, long depth, Duration lag, Instant measured) {
}
