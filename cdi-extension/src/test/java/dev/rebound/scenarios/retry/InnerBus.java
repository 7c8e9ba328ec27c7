package dev.rebound.scenarios.retry;

import dev.rebound.CommandBus;
import dev.rebound.InstantRetry;

@InstantRetry(maxRetries = 5)
public interface InnerBus extends CommandBus {
}
