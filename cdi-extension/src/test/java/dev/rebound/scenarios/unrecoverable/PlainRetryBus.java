package dev.rebound.scenarios.unrecoverable;

import dev.rebound.CommandBus;
import dev.rebound.InstantRetry;

/** Retries everything it is not told otherwise about: the global list decides. */
@InstantRetry(maxRetries = 3)
public interface PlainRetryBus extends CommandBus {
}
