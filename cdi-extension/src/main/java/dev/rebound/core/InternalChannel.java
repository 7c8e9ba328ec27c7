package dev.rebound.core;

import dev.rebound.Message;
import dev.rebound.spi.MessageChannel;

/**
 * A channel whose subscribers are {@code @InternalHandler} methods, called in the sender's thread and
 * transaction context. A subscriber's failure propagates to the sender.
 */
public final class InternalChannel implements MessageChannel {

    private final String name;
    private final Dispatcher dispatcher;

    public InternalChannel(String name, Dispatcher dispatcher) {
        this.name = name;
        this.dispatcher = dispatcher;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(Message message) {
        try {
            dispatcher.handle(new Delivery(message, new Route(HandlerKind.INTERNAL, name), "channel " + name));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable checked) {
            throw new ChannelException(name, checked);
        }
    }

    /** A checked exception thrown by an internal handler, carried through {@link #send}. */
    public static final class ChannelException extends RuntimeException {
        ChannelException(String channel, Throwable cause) {
            super("Handler on channel " + channel + " failed: " + cause, cause);
        }
    }
}
