package dev.rebound.scenarios.unrecoverable;

import dev.rebound.CommandBus;
import dev.rebound.ErrorChannel;
import dev.rebound.InstantRetry;

/** Retries everything but a rejected order, which also is an IllegalStateException. */
@InstantRetry(retryTimes = 3, exceptions = IllegalStateException.class, abortOn = RejectedOrderException.class)
@ErrorChannel("orderErrors")
public interface OrderBus extends CommandBus {
}
