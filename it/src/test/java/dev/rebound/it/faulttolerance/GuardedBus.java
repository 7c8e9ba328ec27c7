package dev.rebound.it.faulttolerance;

import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.ErrorChannel;
import dev.rebound.InstantRetry;

/** Three instant retries, then the dead letter. */
@ErrorChannel(Channels.DEAD_LETTER)
@InstantRetry(maxRetries = 3)
public interface GuardedBus extends CommandBus {
}
