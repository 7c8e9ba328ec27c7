package dev.rebound.scenarios.retry;

import dev.rebound.CommandBus;
import dev.rebound.InstantRetry;

@InstantRetry(maxRetries = 2)
public interface OuterBus extends CommandBus {
}
