package dev.rebound.scenarios.retry;

import dev.rebound.CommandBus;
import dev.rebound.InstantRetry;

@InstantRetry(maxRetries = 3, retryOn = TransientException.class)
public interface SelectiveRetryBus extends CommandBus {
}
