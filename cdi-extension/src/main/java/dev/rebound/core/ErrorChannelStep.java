package dev.rebound.core;

import dev.rebound.ErrorMessage;
import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.QueueChannel;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Outermost step of an entry point: a failure of the steps inside (after their retries and rollbacks) is
 * sent as an {@link ErrorMessage} to the error channel and the caller gets {@code null}. When the error
 * channel is an asynchronous (queue) channel, the failed message itself is put on that queue, to be handled
 * again by its consumer with that channel's error handling. If the channel
 * itself fails, the original failure propagates with the channel's failure suppressed, so nothing is
 * hidden and nothing is lost silently.
 */
public final class ErrorChannelStep implements Pipeline {

    private static final Logger LOG = Logger.getLogger(ErrorChannelStep.class.getName());

    private final Pipeline next;
    private final String channel;
    private final ChannelRegistry channels;
    private final Failures failures;

    public ErrorChannelStep(Pipeline next, String channel, ChannelRegistry channels, Failures failures) {
        this.next = next;
        this.channel = channel;
        this.channels = channels;
        this.failures = failures;
    }

    /** The failed message for the asynchronous error channel's consumer, to run the handler again from there. */
    private static Envelope retryEnvelope(Delivery delivery) {
        HandlerMethod handler = delivery.currentHandler();
        return new Envelope(delivery.message(), handler == null ? null : handler.id(), delivery.route().kind().name(),
                delivery.attempts() + 1, delivery.origin());
    }

    @Override
    public Object handle(Delivery delivery) throws Throwable {
        try {
            return next.handle(delivery);
        } catch (Throwable failure) {
            MessageHeaders original = delivery.message().headers();
            try {
                QueueChannel queue = channels.queue(channel);
                if (queue != null) {
                    queue.enqueue(retryEnvelope(delivery), 0);
                } else {
                    ErrorMessage error = failures.errorMessage(delivery, failure);
                    channels.send(channel, new Message(error, new MessageHeaders(original.messageId(),
                            original.correlationId(), original.causationId(), error.failedAt(),
                            original.routingKey(), original.metadata())));
                }
            } catch (Throwable routing) {
                failure.addSuppressed(routing);
                throw failure;
            }
            LOG.log(Level.FINE, "Message {0} from {1} failed ({2}) and was sent to channel {3}",
                    new Object[] {original.messageId(), delivery.origin(), failure, channel});
            return null;
        }
    }
}
