package dev.rebound.jms;

import dev.rebound.core.async.ConsumerHandling;
import dev.rebound.core.async.Outcome;
import dev.rebound.core.async.PoisonMessages;
import dev.rebound.spi.Envelope;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One consumer thread of a channel. Each message is received, handled and acknowledged in one transacted
 * session: a retry's re-send and a forward commit together with the acknowledgement; if anything fails
 * before the commit, or the process dies, the broker delivers the message again. A failure that cannot be
 * routed (the dead letter store is down) sends the message back to its queue with a delay, in the same
 * transaction, rather than rolling back: the broker's redelivery limit is not used up while the store is
 * away, and the message comes back later.
 */
final class JmsConsumer implements Runnable {

    private static final Logger LOG = Logger.getLogger(JmsConsumer.class.getName());

    private final JmsChannel channel;
    private final Map<String, JmsChannel> channels;
    private final Supplier<ConnectionFactory> factory;
    private final WireFormat wire;
    private final ConsumerHandling handling;
    private final PoisonMessages poison;
    private final JmsSettings settings;
    private final ConsumerGroup group;

    JmsConsumer(JmsChannel channel, Map<String, JmsChannel> channels, Supplier<ConnectionFactory> factory,
                WireFormat wire, ConsumerHandling handling, PoisonMessages poison, JmsSettings settings,
                ConsumerGroup group) {
        this.channel = channel;
        this.channels = channels;
        this.factory = factory;
        this.wire = wire;
        this.handling = handling;
        this.poison = poison;
        this.settings = settings;
        this.group = group;
    }

    @Override
    public void run() {
        while (group.running()) {
            try (JMSContext context = factory.get().createContext(JMSContext.SESSION_TRANSACTED)) {
                group.opened(context);
                try (JMSConsumer consumer = context.createConsumer(context.createQueue(channel.queue()))) {
                    while (group.running()) {
                        Message message = consumer.receive(settings.receiveTimeoutMs());
                        if (message != null) {
                            process(context, message);
                        }
                    }
                } finally {
                    group.closed(context);
                }
            } catch (RuntimeException e) {
                if (group.running()) {
                    LOG.log(Level.WARNING, "REBOUND-3007: Consumer of channel " + channel.name()
                            + " failed; reconnecting", e);
                    pause();
                }
            }
        }
    }

    private void process(JMSContext context, Message message) {
        Envelope envelope;
        try {
            envelope = wire.decode(message);
        } catch (PoisonMessageException unreadable) {
            keepPoison(context, message, unreadable.getMessage());
            return;
        }
        apply(context, envelope, handling.handle(channel.name(), envelope));
    }

    private void apply(JMSContext context, Envelope envelope, Outcome outcome) {
        if (outcome instanceof Outcome.Done) {
            context.commit();
        } else if (outcome instanceof Outcome.Forward forward) {
            JmsChannel target = channels.get(forward.channel());
            target.send(context, forward.envelope(), forward.delayMs());
            context.commit();
        } else if (outcome instanceof Outcome.NotRouted notRouted) {
            LOG.log(Level.WARNING, "REBOUND-3008: Failure of message " + envelope.message().headers().messageId()
                    + " could not be routed; it goes back to queue " + channel.queue() + " for "
                    + settings.unroutedDelayMs() + " ms", notRouted.failure());
            channel.send(context, envelope, settings.unroutedDelayMs());
            context.commit();
        } else if (outcome instanceof Outcome.Final last) {
            applyFinal(context, envelope, last);
        }
    }

    private void applyFinal(JMSContext context, Envelope envelope, Outcome.Final last) {
        String id = envelope.message().headers().messageId().toString();
        switch (last.strategy()) {
            case RESEND -> {
                channel.send(context, last.next(), 0);
                context.commit();
            }
            case RELEASE -> rollbackAndPause(context);
            case IGNORE -> {
                LOG.log(Level.WARNING, "REBOUND-3009: Dropping message " + id + " of channel " + channel.name()
                        + " (final failure strategy IGNORE)", last.failure());
                context.commit();
            }
            case STOP -> {
                context.rollback();
                group.stopBecause("message " + id + " failed with " + last.failure()
                        + " and the final failure strategy is STOP");
            }
        }
    }

    private void keepPoison(JMSContext context, Message message, String reason) {
        try {
            poison.store(poisonId(message), channel.name(), WireFormat.body(message), WireFormat.properties(message),
                    reason);
            context.commit();
            LOG.log(Level.WARNING, "REBOUND-3010: Unreadable message on channel {0} stored as dead letter: {1}",
                    new Object[] {channel.name(), reason});
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "REBOUND-3008: Unreadable message could not be stored; it goes back to queue "
                    + channel.queue() + " for " + settings.unroutedDelayMs() + " ms", e);
            context.createProducer().setDeliveryDelay(settings.unroutedDelayMs())
                    .send(context.createQueue(channel.queue()), message);
            context.commit();
        }
    }

    /** Stable across redeliveries, so that storing a poison message twice keeps one dead letter. */
    private static UUID poisonId(Message message) {
        try {
            String id = message.getJMSMessageID();
            return UUID.nameUUIDFromBytes((id == null ? UUID.randomUUID().toString() : id)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (JMSException | JMSRuntimeException e) {
            return UUID.randomUUID();
        }
    }

    private void rollbackAndPause(JMSContext context) {
        context.rollback();
        pause();
    }

    private void pause() {
        try {
            Thread.sleep(settings.failurePauseMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
