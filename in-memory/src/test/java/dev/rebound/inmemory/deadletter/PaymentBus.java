package dev.rebound.inmemory.deadletter;

import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.ErrorChannel;

@ErrorChannel(Channels.DEAD_LETTER)
public interface PaymentBus extends CommandBus {
}
