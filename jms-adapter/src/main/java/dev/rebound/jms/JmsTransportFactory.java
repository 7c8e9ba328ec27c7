package dev.rebound.jms;

import dev.rebound.spi.Transport;
import dev.rebound.spi.TransportCapability;
import dev.rebound.spi.TransportContext;
import dev.rebound.spi.TransportFactory;
import java.util.Set;

/**
 * Asynchronous channels on JMS queues when this jar is on the class path; named {@code jms}, so its settings are
 * {@code rebound.jms.*} and a channel chooses it with {@code rebound.channel.<name>.transport=jms} (needed only
 * when several transports are present).
 */
public final class JmsTransportFactory implements TransportFactory {

    public static final String NAME = "jms";

    private static final Set<TransportCapability> CAPABILITIES = Set.of(TransportCapability.DELAYED_DELIVERY,
            TransportCapability.JOINS_TRANSACTION, TransportCapability.DURABLE,
                TransportCapability.ORDERED_BY_KEY);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<TransportCapability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Transport create(TransportContext context) {
        return new JmsTransport(context);
    }
}
