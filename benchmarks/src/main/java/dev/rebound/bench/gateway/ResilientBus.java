package dev.rebound.bench.gateway;

import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.ErrorChannel;
import dev.rebound.InstantRetry;

/** Rebound's side: a gateway with an error channel and instant retries (no failure happens in the benchmark). */
@ErrorChannel(Channels.DEAD_LETTER)
@InstantRetry(maxRetries = 2)
public interface ResilientBus extends CommandBus {
}
