package dev.rebound.database;

import dev.rebound.spi.Transport;
import dev.rebound.spi.TransportCapability;
import dev.rebound.spi.TransportContext;
import dev.rebound.spi.TransportFactory;
import java.util.EnumSet;
import java.util.Set;

/**
 * The database transport: asynchronous channels on the table {@code rebound_message}, written in the caller's JTA
 * transaction (an outbox) and consumed by every node of the application.
 */
public final class DatabaseTransportFactory implements TransportFactory {

    public static final String NAME = "database";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<TransportCapability> capabilities() {
        return EnumSet.of(TransportCapability.DELAYED_DELIVERY, TransportCapability.JOINS_TRANSACTION,
                TransportCapability.DURABLE, TransportCapability.ORDERED_BY_KEY);
    }

    @Override
    public Transport create(TransportContext context) {
        return new DatabaseTransport(context, DatabaseSettings.read(context.settings()));
    }
}
