package dev.rebound.it.faulttolerance;

import dev.rebound.CommandBus;
import dev.rebound.InstantRetry;
import jakarta.transaction.Transactional;

/** Rebound's layer: one instant retry, each attempt in a fresh transaction. */
@Transactional
@InstantRetry(maxRetries = 1)
public interface PricingBus extends CommandBus {
}
