package dev.rebound.transport;

import dev.rebound.config.ReboundConfig;
import dev.rebound.core.ChannelRegistry;
import dev.rebound.core.Diagnostics;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.QueueChannel;
import java.util.function.Consumer;

/**
 * Combined channels "database, then broker": a queue channel {@code c} with {@code rebound.channel.<c>.outbox=<o>}
 * is sent to through the database channel {@code o} (a row in the caller's transaction), whose relay
 * ({@code rebound.channel.<o>.relay-to=<c>}) forwards it to {@code c}'s own transport. Decided once at deployment:
 * the channel registry's {@code c} becomes the outbox's queue channel under {@code c}'s name, so that every sender
 * (gateways, handlers, error channels) writes the row, while the relay reaches {@code c}'s transport through
 * {@link Transports#queue}.
 */
public final class Outboxes {

    /** The property by which a queue channel sends through an outbox, after {@code rebound.channel.<name>.}. */
    public static final String OUTBOX = "outbox";
    /** A database channel's target, after {@code rebound.channel.<name>.}. */
    public static final String RELAY_TO = "relay-to";
    /** The database transport's name ({@code TransportFactory#name()}). */
    static final String DATABASE = "database";

    private Outboxes() {
    }

    /** Routes the senders of every channel with an outbox to it; each misconfiguration goes to {@code problems}. */
    public static void route(Transports transports, ReboundConfig config, ChannelRegistry channels,
                             Consumer<String> problems) {
        for (String channel : transports.names()) {
            String property = ConfigSettings.channel(config, channel).property(OUTBOX);
            String outbox = config.get(property).orElse(null);
            if (outbox == null) {
                continue;
            }
            String problem = check(transports, config, channel, outbox, property);
            if (problem != null) {
                problems.accept(problem);
                continue;
            }
            channels.add(new Routed(channel, transports.queue(outbox)));
        }
    }

    private static String check(Transports transports, ReboundConfig config, String channel, String outbox,
                                String property) {
        if (!DATABASE.equals(transports.transportOf(outbox))) {
            return Diagnostics.outboxNotDatabase(property, outbox, transports.transportOf(outbox));
        }
        String relayProperty = ConfigSettings.channel(config, outbox).property(RELAY_TO);
        String relaysTo = config.get(relayProperty).orElse(null);
        if (!channel.equals(relaysTo)) {
            return Diagnostics.outboxNotRelaying(property, outbox, relayProperty, relaysTo, channel);
        }
        if (DATABASE.equals(transports.transportOf(channel))
                || config.get(ConfigSettings.channel(config, outbox).property(OUTBOX)).isPresent()) {
            return Diagnostics.outboxCycle(property, outbox, channel);
        }
        return null;
    }

    /** Channel {@code name} for its senders: each message is a row of the outbox, relayed to {@code name}. */
    private record Routed(String name, QueueChannel outbox) implements QueueChannel {

        @Override
        public void enqueue(Envelope envelope, long delayMs) {
            outbox.enqueue(envelope, delayMs);
        }
    }
}
