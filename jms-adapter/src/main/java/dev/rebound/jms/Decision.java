package dev.rebound.jms;

import dev.rebound.ErrorMessage;
import dev.rebound.spi.Outcome;
import dev.rebound.spi.Envelope;
import java.util.Map;

/**
 * What a consumer does with a message: an {@link Outcome} without the message, which is decoded again when the
 * broker delivers it again, so that a decision waiting for the redelivery keeps no payload and no exception
 * ({@link PendingOutcomes}).
 *
 * @param channel the target of {@link Kind#FORWARD} and {@link Kind#DELIVER}
 * @param failure the failure being routed, as text; {@code null} for {@link Kind#ACK}
 * @param turn how often a copy of the message was already sent back because the failure could not be handed to
 *             its channel (0 for the message itself)
 * @param storeFailed whether handing the failure to its channel in the unit failed: the next delivery sends a copy
 * @param error the ErrorMessage with its exception while the failure is in hand; {@code null} once kept
 * @param metadata for {@link Kind#FORWARD}: the metadata of the envelope to send, as Rebound's interceptors made it
 *                 ({@code beforeSend}: trace context); {@code null} to send the received message's
 */
record Decision(Kind kind, String channel, long delayMs, FailureText failure, int turn, boolean storeFailed,
                ErrorMessage error, Map<String, String> metadata) {

    enum Kind {
        /** acknowledge */
        ACK,
        /** send the next attempt to the queue of {@code channel} after {@code delayMs} */
        FORWARD,
        /** hand an ErrorMessage to the (non-queue) channel {@code channel} */
        DELIVER,
        /** the final failure strategies */
        RESEND, RELEASE, IGNORE, STOP
    }

    static final Decision ACK = new Decision(Kind.ACK, null, 0, null, 0, false, null, null);

    /**
     * @param failure what failed, {@code null} if nothing did
     * @param handler the id of the handler that failed, if known
     */
    static Decision of(Outcome outcome, Throwable failure, String handler) {
        FailureText text = failure == null ? null : FailureText.brief(failure, handler);
        if (outcome instanceof Outcome.Forward forward) {
            return new Decision(Kind.FORWARD, forward.channel(), forward.delayMs(), text, 0, false, null,
                    forward.envelope().message().headers().metadata());
        }
        if (outcome instanceof Outcome.Deliver deliver) {
            return new Decision(Kind.DELIVER, deliver.channel(), 0, FailureText.of(deliver.error()), 0, false,
                    deliver.error(), null);
        }
        if (outcome instanceof Outcome.Final last) {
            Kind kind = Kind.valueOf(last.strategy().name());
            return new Decision(kind, null, 0, FailureText.brief(last.failure(), handler), 0, false, null, null);
        }
        return ACK;
    }

    /** The failure a copy carries, to be handed to {@code channel} ({@code turn} copies sent so far). */
    static Decision deliver(String channel, FailureText failure, int turn) {
        return new Decision(Kind.DELIVER, channel, 0, failure, turn, false, null, null);
    }

    /** This decision, to be kept for the redelivery. */
    Decision kept() {
        return error == null ? this : new Decision(kind, channel, delayMs, failure, turn, storeFailed, null, metadata);
    }

    /** Handing the failure to its channel in the unit failed: the next delivery sends a copy instead. */
    Decision storeFailedOnce() {
        return new Decision(kind, channel, delayMs, failure, turn, true, null, metadata);
    }

    /** The ErrorMessage to hand over, for the message as decoded now. */
    Outcome.Deliver deliverOutcome(Envelope envelope) {
        return new Outcome.Deliver(channel, error != null ? error : failure.errorMessage(envelope.message()));
    }

    /** Roughly the characters kept. */
    int size() {
        int kept = 0;
        if (metadata != null) {
            for (Map.Entry<String, String> entry : metadata.entrySet()) {
                kept += 16 + entry.getKey().length() + (entry.getValue() == null ? 0 : entry.getValue().length());
            }
        }
        return 64 + kept + (failure == null ? 0 : failure.size());
    }
}
