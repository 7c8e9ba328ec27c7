package dev.rebound.pipeline;

import dev.rebound.ErrorMessage;
import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import dev.rebound.core.ChannelRegistry;
import dev.rebound.core.Delivery;
import dev.rebound.core.Failures;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.Outcome;

/**
 * The one rule for handing a failure to a channel, for the error channel step of an entry point and for the
 * decision after a consumer's failure: a queue channel gets the failed message itself, as its next attempt (its
 * consumer handles it again with that channel's error handling); any other channel an {@link ErrorMessage}. Decides
 * only; {@link FailureExecutor} sends. Stateless; thread-safe.
 */
public final class ErrorRoute {

    private final ChannelRegistry channels;
    private final Failures failures;

    public ErrorRoute(ChannelRegistry channels, Failures failures) {
        this.channels = channels;
        this.failures = failures;
    }

    /**
     * @param target the channel the failure goes to
     * @param next the failed message as its next attempt, for a queue channel
     * @param delivery the failed delivery, for the {@link ErrorMessage}
     * @return a {@link Outcome.Forward} (no delay) to a queue channel, else a {@link Outcome.Deliver}
     */
    public Outcome to(String target, Envelope next, Delivery delivery, Throwable failure) {
        if (channels.queue(target) != null) {
            return new Outcome.Forward(target, next, 0);
        }
        return new Outcome.Deliver(target, failures.errorMessage(delivery, failure));
    }

    /**
     * The message that carries an {@link ErrorMessage} to its channel: the failed message's headers, stamped with
     * the time of the failure (the error message's own, so there is one timestamp).
     */
    public static Message message(ErrorMessage error) {
        MessageHeaders original = error.originalMessage().headers();
        return new Message(error, new MessageHeaders(original.messageId(), original.correlationId(),
                original.causationId(), error.failedAt(), original.routingKey(), original.metadata()));
    }
}
