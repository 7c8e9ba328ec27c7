package dev.rebound.examples.orders.order;

import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.ErrorChannel;
import dev.rebound.InstantRetry;
import jakarta.transaction.Transactional;

/**
 * The entry point for commands: each attempt runs in a JTA transaction of its own; a failure is retried twice
 * at once (a deadlock, a lost connection); when every attempt failed, the writes are rolled back and the
 * command is stored as a dead letter, to be replayed later.
 */
@Transactional
@ErrorChannel(Channels.DEAD_LETTER)
@InstantRetry(maxRetries = 2)
public interface ResilientCommandBus extends CommandBus {
}
