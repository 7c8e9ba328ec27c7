package dev.rebound.it.optimisticlock;

import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.ErrorChannel;
import jakarta.transaction.Transactional;

/** Each attempt in a transaction of its own; a conflict past the retries would end in the dead letter. */
@Transactional
@ErrorChannel(Channels.DEAD_LETTER)
public interface CounterBus extends CommandBus {
}
