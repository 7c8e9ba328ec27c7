package dev.rebound.bench.deadletter;

import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.ErrorChannel;

/** An entry point whose failures become dead letters. */
@ErrorChannel(Channels.DEAD_LETTER)
public interface DeadLetteringBus extends CommandBus {
}
