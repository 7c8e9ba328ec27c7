package dev.rebound.core;

import dev.rebound.Channels;
import dev.rebound.Message;
import dev.rebound.spi.MessageChannel;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Discards what it receives, logging it at FINE so that a discarded failure can still be traced. */
public final class NullChannel implements MessageChannel {

    private static final Logger LOG = Logger.getLogger(NullChannel.class.getName());

    @Override
    public String name() {
        return Channels.NULL_CHANNEL;
    }

    @Override
    public void send(Message message) {
        LOG.log(Level.FINE, "Discarding message {0}", message.headers().messageId());
    }
}
