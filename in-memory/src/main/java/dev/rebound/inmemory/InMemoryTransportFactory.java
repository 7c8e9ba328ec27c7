package dev.rebound.inmemory;

import dev.rebound.spi.Transport;
import dev.rebound.spi.TransportCapability;
import dev.rebound.spi.TransportContext;
import dev.rebound.spi.TransportFactory;
import java.util.EnumSet;
import java.util.Set;

/**
 * The in-memory transport ({@code rebound.channel.<name>.transport=in-memory} when another transport is on the
 * class path too). Delays and JTA are honoured; messages are not durable.
 */
public final class InMemoryTransportFactory implements TransportFactory {

    public static final String NAME = "in-memory";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<TransportCapability> capabilities() {
        return EnumSet.of(TransportCapability.DELAYED_DELIVERY, TransportCapability.JOINS_TRANSACTION);
    }

    @Override
    public Transport create(TransportContext context) {
        InMemoryTransport transport = new InMemoryTransport(context, InMemorySettings.read(context.settings()));
        InMemoryChannels.register(transport);
        return transport;
    }
}
