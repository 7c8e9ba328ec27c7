package dev.rebound.scenarios.retry;

import dev.rebound.CommandBus;
import dev.rebound.InstantRetry;

@InstantRetry(retryTimes = 3, exceptions = TransientException.class)
public interface SelectiveRetryBus extends CommandBus {
}
