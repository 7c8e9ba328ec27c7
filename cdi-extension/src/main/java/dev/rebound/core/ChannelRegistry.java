package dev.rebound.core;

import dev.rebound.Message;
import dev.rebound.ReboundException;
import dev.rebound.spi.MessageChannel;
import dev.rebound.spi.QueueChannel;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/** The application's named channels. Built once at deployment; thread-safe after construction. */
public final class ChannelRegistry {

    private final Map<String, MessageChannel> channels = new java.util.concurrent.ConcurrentHashMap<>();

    public ChannelRegistry(Collection<MessageChannel> channels) {
        channels.forEach(this::add);
    }

    /** Adds a channel; only while the application is being assembled. */
    public void add(MessageChannel channel) {
        channels.put(channel.name(), channel);
    }

    /** The queue channel of this name, if it is one. */
    public QueueChannel queue(String channel) {
        return channels.get(channel) instanceof QueueChannel queue ? queue : null;
    }

    /**
     * Sends a message to the named channel.
     *
     * @throws ReboundException if there is no such channel; the channel's own failures pass unchanged
     */
    public void send(String channel, Message message) {
        MessageChannel target = channels.get(channel);
        if (target == null) {
            throw new ReboundException(Diagnostics.unknownChannel(channel));
        }
        target.send(message);
    }

    public Set<String> names() {
        return channels.keySet();
    }
}
