package dev.rebound.it.rollback;

import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.ErrorChannel;
import jakarta.transaction.Transactional;

@Transactional
@ErrorChannel(Channels.DEAD_LETTER)
public interface OrderBus extends CommandBus {
}
