package dev.rebound.scenarios.errorchannel;

import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.ErrorChannel;

@ErrorChannel(Channels.NULL_CHANNEL)
public interface DiscardingBus extends CommandBus {
}
