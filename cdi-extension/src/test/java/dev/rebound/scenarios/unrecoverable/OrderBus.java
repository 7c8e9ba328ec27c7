package dev.rebound.scenarios.unrecoverable;

import dev.rebound.CommandBus;
import dev.rebound.ErrorChannel;
import dev.rebound.InstantRetry;

/** Retries everything but a rejected order, which also is an IllegalStateException. */
@InstantRetry(maxRetries = 3, retryOn = IllegalStateException.class, abortOn = RejectedOrderException.class)
@ErrorChannel("orderErrors")
public interface OrderBus extends CommandBus {
}
