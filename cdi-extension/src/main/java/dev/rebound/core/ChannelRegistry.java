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

    /**
     * Sends a message to the named channel in the caller's transaction, for a consumer whose unit of work
     * commits the message's acknowledgement: a channel that would otherwise use a transaction of its own (the
     * dead letter) joins the caller's.
     *
     * @throws ReboundException if there is no such channel; the channel's own failures pass unchanged
     */
    public void sendInCurrentTransaction(String channel, Message message) {
        MessageChannel target = channels.get(channel);
        if (target == null) {
            throw new ReboundException(Diagnostics.unknownChannel(channel));
        }
        if (target instanceof Joining joining) {
            joining.sendInCurrentTransaction(message);
        } else {
            target.send(message);            // runs in the caller's transaction anyway
        }
    }

    /** A channel that sends in a transaction of its own, but can also join the caller's. */
    public interface Joining {
        /** Like {@link MessageChannel#send}, in the caller's transaction. */
        void sendInCurrentTransaction(Message message);
    }

    public Set<String> names() {
        return channels.keySet();
    }
}
