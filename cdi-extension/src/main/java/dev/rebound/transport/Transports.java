package dev.rebound.transport;

import dev.rebound.config.ReboundConfig;
import dev.rebound.core.Diagnostics;
import dev.rebound.spi.Backlog;
import dev.rebound.spi.ChannelStatus;
import dev.rebound.spi.Inbound;
import dev.rebound.spi.QueueChannel;
import dev.rebound.spi.Transport;
import dev.rebound.spi.TransportCapability;
import dev.rebound.spi.TransportContext;
import dev.rebound.spi.TransportFactory;
import dev.rebound.spi.TransportHealth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The transports of an application and the channels each carries, chosen once at deployment. Every
 * {@link TransportFactory} found is a choice: with one, it carries every asynchronous channel; with several, each
 * channel names its own ({@code rebound.channel.<name>.transport}). Only the transports that carry a channel are
 * made. Start, stop, status and health cover all of them. Thread-safe once built.
 */
public final class Transports {

    /** The property by which a channel chooses its transport, after {@code rebound.channel.<name>.}. */
    public static final String TRANSPORT = "transport";

    /** A transport that carries channels. */
    private record Carrier(TransportFactory factory, Transport transport, Set<String> channels) {
    }

    private final Map<String, Carrier> byChannel;
    private final List<Carrier> carriers;

    private Transports(Map<String, Carrier> byChannel, List<Carrier> carriers) {
        this.byChannel = Map.copyOf(byChannel);
        this.carriers = List.copyOf(carriers);
    }

    /** No asynchronous channels, no transports. */
    public static Transports none() {
        return new Transports(Map.of(), List.of());
    }

    /**
     * Chooses and makes the transport of every channel; each problem (no transport, an ambiguous, unknown or
     * doubly named one, a transport that refuses its settings) goes to {@code problems}, and a channel without a
     * transport is left out.
     *
     * @param contexts the context of a transport, by its name
     */
    public static Transports select(Set<String> channels, Iterable<TransportFactory> found, ReboundConfig config,
                                    Function<String, TransportContext> contexts, Consumer<String> problems) {
        if (channels.isEmpty()) {
            return none();
        }
        Map<String, TransportFactory> factories = new LinkedHashMap<>();
        try {
            for (TransportFactory factory : found) {
                TransportFactory twin = factories.putIfAbsent(factory.name(), factory);
                if (twin != null) {
                    problems.accept(duplicateName(factory.name(), twin, factory));
                    return none();
                }
            }
        } catch (java.util.ServiceConfigurationError broken) {
            problems.accept(Diagnostics.transportUnloadable(broken.getMessage()));
            return none();
        }
        if (factories.isEmpty()) {
            channels.forEach(name -> problems.accept(Diagnostics.noTransport(name)));
            return none();
        }
        Map<String, Set<String>> chosen = new LinkedHashMap<>();
        for (String channel : channels) {
            TransportFactory factory = choose(channel, factories, config, problems);
            if (factory != null) {
                chosen.computeIfAbsent(factory.name(), n -> new TreeSet<>()).add(channel);
            }
        }
        Map<String, Carrier> byChannel = new LinkedHashMap<>();
        List<Carrier> carriers = new ArrayList<>();
        for (Map.Entry<String, Set<String>> use : chosen.entrySet()) {
            TransportFactory factory = factories.get(use.getKey());
            Transport transport;
            try {
                transport = factory.create(contexts.apply(factory.name()));
            } catch (IllegalArgumentException misconfigured) {
                problems.accept(misconfigured.getMessage());
                continue;
            }
            Carrier carrier = new Carrier(factory, transport, Set.copyOf(use.getValue()));
            carriers.add(carrier);
            use.getValue().forEach(channel -> byChannel.put(channel, carrier));
        }
        return new Transports(byChannel, carriers);
    }

    private static TransportFactory choose(String channel, Map<String, TransportFactory> factories,
                                           ReboundConfig config, Consumer<String> problems) {
        String property = ConfigSettings.channel(config, channel).property(TRANSPORT);
        String named = config.get(property).orElse(null);
        if (named == null) {
            if (factories.size() == 1) {
                return factories.values().iterator().next();
            }
            problems.accept(Diagnostics.severalTransports(channel, factories.keySet(), property));
            return null;
        }
        TransportFactory factory = factories.get(named);
        if (factory == null) {
            problems.accept(Diagnostics.unknownTransport(channel, named, property, factories.keySet()));
        }
        return factory;
    }

    private static String duplicateName(String name, TransportFactory first, TransportFactory second) {
        return Diagnostics.duplicateTransportName(name, first.getClass().getName(), second.getClass().getName());
    }

    /** The queue channels of every channel that has a transport, made by it. */
    public List<QueueChannel> channels() {
        List<QueueChannel> made = new ArrayList<>();
        for (Carrier carrier : carriers) {
            for (String channel : carrier.channels()) {
                made.add(carrier.transport().channel(channel));
            }
        }
        return made;
    }

    /**
     * The queue channel its transport made for the channel (a relay's target).
     *
     * @throws IllegalArgumentException for a channel without a transport
     */
    public QueueChannel queue(String channel) {
        return carrier(channel).transport().channel(channel);
    }

    /** The name of the transport that carries the channel ({@link TransportFactory#name()}), {@code null} if none. */
    public String transportOf(String channel) {
        Carrier carrier = byChannel.get(channel);
        return carrier == null ? null : carrier.factory().name();
    }

    /** Whether any channel has a transport. */
    public boolean isEmpty() {
        return carriers.isEmpty();
    }

    /**
     * Fails (a problem for the deployment) when a delayed retry of {@code where} would send to a channel whose
     * transport cannot deliver later; {@code null} when it can, or the channel has no transport.
     */
    public String delayedRetry(String where, String channel) {
        Carrier carrier = byChannel.get(channel);
        if (carrier == null || carrier.factory().capabilities().contains(TransportCapability.DELAYED_DELIVERY)) {
            return null;
        }
        return Diagnostics.noDelayedDelivery(where, channel, carrier.factory().name(),
                TransportCapability.DELAYED_DELIVERY, "rebound.channel." + channel + "." + TRANSPORT);
    }

    /**
     * Fails (a problem for the deployment) when the channel keeps per-key order but its transport cannot;
     * {@code null} when it can, or the channel has no transport.
     */
    public String ordered(String channel, String property) {
        Carrier carrier = byChannel.get(channel);
        if (carrier == null || carrier.factory().capabilities().contains(TransportCapability.ORDERED_BY_KEY)) {
            return null;
        }
        return Diagnostics.unorderedTransport(channel, carrier.factory().name(), TransportCapability.ORDERED_BY_KEY,
                property);
    }

    /** Starts every transport's consumers that are not consuming. */
    public void start(Inbound inbound) {
        carriers.forEach(carrier -> carrier.transport().start(inbound));
    }

    /** Stops every transport's consumers; one that fails does not keep the others running. */
    public void stop() {
        RuntimeException first = null;
        for (Carrier carrier : carriers) {
            try {
                carrier.transport().stop();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Stops consuming the channel; {@link IllegalArgumentException} for a channel without a transport. */
    public void pause(String channel) {
        carrier(channel).transport().pause(channel);
    }

    /** Starts consuming the channel if it does not. */
    public void resume(String channel, Inbound inbound) {
        carrier(channel).transport().resume(channel, inbound);
    }

    /** The channel's status; {@link IllegalArgumentException} for a channel without a transport. */
    public ChannelStatus status(String channel) {
        Carrier carrier = carrier(channel);
        return carrier.transport().status().stream().filter(status -> status.channel().equals(channel)).findFirst()
                .orElseThrow(() -> new IllegalStateException(Diagnostics.noStatus(carrier.factory().name(), channel)));
    }

    /** The asynchronous channels, in name order. */
    public Set<String> names() {
        return new TreeSet<>(byChannel.keySet());
    }

    private Carrier carrier(String channel) {
        Carrier carrier = byChannel.get(channel);
        if (carrier == null) {
            throw new IllegalArgumentException(Diagnostics.notAsynchronous(channel, names()));
        }
        return carrier;
    }

    /** Every channel's status, ordered by channel name. */
    public List<ChannelStatus> status() {
        List<ChannelStatus> all = new ArrayList<>();
        carriers.forEach(carrier -> all.addAll(carrier.transport().status()));
        all.sort(Comparator.comparing(ChannelStatus::channel));
        return all;
    }

    /**
     * Up when every transport's broker answers; else down with the details of those that do not (their exception
     * types and codes), each named by its transport when there are several.
     */
    public TransportHealth health() {
        List<String> down = new ArrayList<>();
        for (Carrier carrier : carriers) {
            TransportHealth health;
            try {
                health = carrier.transport().health();
            } catch (RuntimeException broken) {
                health = TransportHealth.down(broken.getClass().getName());
            }
            if (health == null || !health.up()) {
                String detail = health == null || health.detail() == null ? "down" : health.detail();
                down.add(carriers.size() == 1 ? detail : detail + " on transport " + carrier.factory().name());
            }
        }
        return down.isEmpty() ? TransportHealth.UP : TransportHealth.down(String.join(", ", down));
    }

    /** The backlog of every channel whose transport measures it, ordered by channel name; a broken transport's none. */
    public List<Backlog> backlog() {
        List<Backlog> all = new ArrayList<>();
        for (Carrier carrier : carriers) {
            try {
                all.addAll(carrier.transport().backlog());
            } catch (RuntimeException broken) {
                // the SPI says it never throws; one that does must not take the others' figures with it
            }
        }
        all.sort(Comparator.comparing(Backlog::channel));
        return all;
    }
}
