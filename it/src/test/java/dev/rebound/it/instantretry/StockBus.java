package dev.rebound.it.instantretry;

import dev.rebound.CommandBus;
import dev.rebound.InstantRetry;
import jakarta.transaction.Transactional;

/** Three attempts in all, each in a fresh transaction. */
@Transactional
@InstantRetry(maxRetries = 2)
public interface StockBus extends CommandBus {
}
