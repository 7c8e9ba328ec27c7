package dev.rebound.pipeline;

import dev.rebound.Message;
import dev.rebound.core.Delivery;
import dev.rebound.core.HandlerKind;
import dev.rebound.core.Pipeline;
import dev.rebound.core.Route;
import dev.rebound.spi.MessageChannel;

/**
 * A channel whose subscribers are {@code @InternalHandler} methods, called in the sender's thread and
 * transaction context. A subscriber's failure propagates to the sender.
 */
public final class InternalChannel implements MessageChannel {

    private final String name;
    private final Pipeline pipeline;

    InternalChannel(String name, Pipeline pipeline) {
        this.name = name;
        this.pipeline = pipeline;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(Message message) {
        try {
            pipeline.handle(new Delivery(message, new Route(HandlerKind.INTERNAL, name), "channel " + name));
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
