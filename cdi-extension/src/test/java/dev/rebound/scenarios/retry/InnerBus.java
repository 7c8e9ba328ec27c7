package dev.rebound.scenarios.retry;

import dev.rebound.CommandBus;
import dev.rebound.InstantRetry;

@InstantRetry(retryTimes = 5)
public interface InnerBus extends CommandBus {
}
