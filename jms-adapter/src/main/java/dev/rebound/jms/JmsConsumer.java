package dev.rebound.jms;

import dev.rebound.FinalFailureStrategy;
import dev.rebound.core.Delivery;
import dev.rebound.core.async.ConsumerHandling;
import dev.rebound.core.async.Outcome;
import dev.rebound.core.async.PoisonMessages;
import dev.rebound.spi.Envelope;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.transaction.HeuristicCommitException;
import jakarta.transaction.HeuristicMixedException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One consumer thread of a channel. Each message is received, handled and acknowledged as one unit of work
 * (see {@link ConsumerSession}): a retry's re-send and a forward commit together with the acknowledgement; if
 * anything fails before the commit, or the process dies, the broker delivers the message again. When the
 * handler runs inside the unit's JTA transaction, a failure rolls the unit back first (the handler's database
 * work goes, the message returns to the queue); the failure is routed with no transaction active and the
 * outcome is carried out when the message comes back ({@link PendingOutcomes}). A failure that cannot be routed
 * (the dead letter store is down) sends the message back to its queue with a delay rather than rolling back:
 * the broker's redelivery limit is not used up while the store is away, and the message comes back later.
 */
final class JmsConsumer implements Runnable {

    private static final Logger LOG = Logger.getLogger(JmsConsumer.class.getName());

    private final JmsChannel channel;
    private final Map<String, JmsChannel> channels;
    private final Supplier<ConsumerSession> sessions;
    private final WireFormat wire;
    private final ConsumerHandling handling;
    private final PoisonMessages poison;
    private final JmsSettings settings;
    private final ConsumerGroup group;
    private final PendingOutcomes pending;

    JmsConsumer(JmsChannel channel, Map<String, JmsChannel> channels, Supplier<ConsumerSession> sessions,
                WireFormat wire, ConsumerHandling handling, PoisonMessages poison, JmsSettings settings,
                ConsumerGroup group, PendingOutcomes pending) {
        this.channel = channel;
        this.channels = channels;
        this.sessions = sessions;
        this.wire = wire;
        this.handling = handling;
        this.poison = poison;
        this.settings = settings;
        this.group = group;
        this.pending = pending;
    }

    /**
     * Receives until the group stops. A failure of the session, or anything the message's processing throws,
     * closes the session (no transaction is left on the thread) and the consumer starts over after the failure
     * pause; also after an {@link Error}, so that the channel keeps its consumers. Only a
     * {@link VirtualMachineError} ends the thread. The group's member hears of each, for the channel's status.
     */
    @Override
    public void run() {
        ConsumerGroup.Member self = group.member();
        while (group.running()) {
            try (ConsumerSession session = sessions.get()) {
                group.opened(session);
                try {
                    while (group.running()) {
                        Message message = session.receive(settings.receiveTimeoutMs());
                        if (message != null) {
                            process(session, message);
                        }
                        self.consuming();    // after the message: failing on each one is no recovery
                    }
                } catch (Throwable failure) {
                    session.rollback();
                    throw failure;
                } finally {
                    group.closed(session);
                }
            } catch (VirtualMachineError fatal) {
                self.died(fatal);            // logged there; the thread ends, the JVM may be unusable
                return;
            } catch (Error e) {
                if (group.running()) {
                    self.restarting(e, settings.failurePauseMs());
                    pause();
                }
            } catch (Exception e) {
                if (group.running()) {
                    self.failed(e);
                    LOG.log(Level.WARNING, "REBOUND-3007: Consumer of channel " + channel.name()
                            + " failed; reconnecting", e);
                    pause();
                }
            }
        }
    }

    private void process(ConsumerSession session, Message message) {
        Envelope envelope;
        try {
            envelope = wire.decode(message);
        } catch (PoisonMessageException unreadable) {
            keepPoison(session, message, unreadable.getMessage());
            return;
        }
        if (!session.handlerJoins()) {
            apply(session, envelope, handling.handle(channel.name(), envelope));
            return;
        }
        String id = jmsId(message);
        Outcome waiting = waitingOutcome(id);
        if (waiting != null) {
            apply(session, envelope, waiting);
        } else {
            handleInUnit(session, envelope, id);
        }
    }

    /** The handler runs in the unit's transaction; a failure, also of the commit, rolls everything back. */
    private void handleInUnit(ConsumerSession session, Envelope envelope, String id) {
        Delivery delivery = handling.delivery(envelope);
        try {
            handling.handleInCurrentTransaction(delivery);
            session.commit();
            return;
        } catch (Throwable failure) {
            if (!group.running()) {
                session.rollback();          // stopping: the message goes back to the queue as it is
                return;
            }
            CompletableFuture<Outcome> routed = pending.routing(id);
            session.rollback();
            Outcome outcome = heuristic(failure) ? uncertain(envelope, delivery, failure)
                    : handling.failed(channel.name(), envelope, delivery, unwrapCommit(failure));
            if (outcome instanceof Outcome.Final last && (last.strategy() == FinalFailureStrategy.RELEASE
                    || last.strategy() == FinalFailureStrategy.STOP)) {
                pending.forget(id);
                applyFinal(session, envelope, last);
            } else {
                routed.complete(outcome);
            }
        }
    }

    private Outcome waitingOutcome(String id) {
        try {
            return pending.take(id, settings.receiveTimeoutMs() + settings.failurePauseMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void apply(ConsumerSession session, Envelope envelope, Outcome outcome) {
        if (outcome instanceof Outcome.Done) {
            session.commit();
        } else if (outcome instanceof Outcome.Forward forward) {
            JmsChannel target = channels.get(forward.channel());
            target.send(session.context(), forward.envelope(), forward.delayMs());
            session.commit();
        } else if (outcome instanceof Outcome.NotRouted notRouted) {
            LOG.log(Level.WARNING, "REBOUND-3008: Failure of message " + envelope.message().headers().messageId()
                    + " could not be routed; it goes back to queue " + channel.queue() + " for "
                    + settings.unroutedDelayMs() + " ms", notRouted.failure());
            channel.send(session.context(), envelope, settings.unroutedDelayMs());
            session.commit();
        } else if (outcome instanceof Outcome.Final last) {
            applyFinal(session, envelope, last);
        }
    }

    private void applyFinal(ConsumerSession session, Envelope envelope, Outcome.Final last) {
        String id = envelope.message().headers().messageId().toString();
        switch (last.strategy()) {
            case RESEND -> {
                channel.send(session.context(), last.next(), 0);
                session.commit();
            }
            case RELEASE -> {
                session.rollback();
                pause();
            }
            case IGNORE -> {
                LOG.log(Level.WARNING, "REBOUND-3009: Dropping message " + id + " of channel " + channel.name()
                        + " (final failure strategy IGNORE)", last.failure());
                session.commit();
            }
            case STOP -> {
                session.rollback();
                group.stopBecause(id, last.failure());
            }
        }
    }

    private void keepPoison(ConsumerSession session, Message message, String reason) {
        try {
            poison.store(poisonId(message), channel.name(), WireFormat.body(message), WireFormat.properties(message),
                    reason);
            session.commit();
            LOG.log(Level.WARNING, "REBOUND-3010: Unreadable message on channel {0} stored as dead letter: {1}",
                    new Object[] {channel.name(), reason});
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "REBOUND-3008: Unreadable message could not be stored; it goes back to queue "
                    + channel.queue() + " for " + settings.unroutedDelayMs() + " ms", e);
            JMSContext context = session.context();
            context.createProducer().setDeliveryDelay(settings.unroutedDelayMs())
                    .send(channel.queueRef().in(context), message);
            session.commit();
        }
    }

    /**
     * Part of the transaction committed and part did not: the acknowledgement may be among either, so the
     * retry or forward that the policy asks for might never happen. The message is kept as a dead letter.
     */
    private Outcome uncertain(Envelope envelope, Delivery delivery, Throwable failure) {
        LOG.log(Level.SEVERE, "REBOUND-3018: The transaction of message " + envelope.message().headers().messageId()
                + " on channel " + channel.name() + " ended with a heuristic outcome; the message is stored as a "
                + "dead letter for an operator to check whether its work was done", failure);
        return handling.uncertain(envelope, delivery, unwrapCommit(failure));
    }

    private static boolean heuristic(Throwable failure) {
        return failure instanceof UnitCommitException && (failure.getCause() instanceof HeuristicMixedException
                || failure.getCause() instanceof HeuristicCommitException);
    }

    /** A failed commit of the handler's unit is reported with what made it fail (e.g. a constraint). */
    private static Throwable unwrapCommit(Throwable failure) {
        return failure instanceof UnitCommitException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static String jmsId(Message message) {
        try {
            return message.getJMSMessageID();
        } catch (JMSException | JMSRuntimeException e) {
            return null;
        }
    }

    /** Stable across redeliveries, so that storing a poison message twice keeps one dead letter. */
    private static UUID poisonId(Message message) {
        String id = jmsId(message);
        return UUID.nameUUIDFromBytes((id == null ? UUID.randomUUID().toString() : id)
                .getBytes(StandardCharsets.UTF_8));
    }

    private void pause() {
        try {
            Thread.sleep(settings.failurePauseMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
