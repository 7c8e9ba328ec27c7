package dev.rebound.jms;

import dev.rebound.core.async.Transport;
import dev.rebound.core.async.TransportContext;
import dev.rebound.core.async.TransportFactory;

/** Makes Rebound use JMS for asynchronous channels when this jar is on the class path. */
public final class JmsTransportFactory implements TransportFactory {

    @Override
    public Transport create(TransportContext context) {
        return new JmsTransport(context);
    }
}
