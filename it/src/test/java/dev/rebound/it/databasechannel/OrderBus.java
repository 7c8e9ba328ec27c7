package dev.rebound.it.databasechannel;

import dev.rebound.CommandBus;
import dev.rebound.InstantRetry;
import jakarta.transaction.Transactional;

/** Each attempt in a transaction of its own: the business row and the message row commit or roll back together. */
@Transactional
@InstantRetry(maxRetries = 2)
public interface OrderBus extends CommandBus {
}
