package dev.rebound.scenarios.rollback;

import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.ErrorChannel;
import dev.rebound.InstantRetry;
import jakarta.transaction.Transactional;

@Transactional
@ErrorChannel(Channels.DEAD_LETTER)
@InstantRetry(maxRetries = 2)
public interface ResilientCommandBus extends CommandBus {
}
