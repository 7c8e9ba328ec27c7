package dev.rebound.spi;

import java.util.Set;

/**
 * Makes a {@link Transport}. Listed in {@code META-INF/services/dev.rebound.spi.TransportFactory}; found with
 * {@link java.util.ServiceLoader} at deployment. When one factory is on the class path it carries every
 * asynchronous channel; when several are, each channel names its transport
 * ({@code rebound.channel.<name>.transport=<name()>}), and a channel without one fails deployment.
 */
public interface TransportFactory {

    /**
     * The transport's name, as used in {@code rebound.channel.<channel>.transport} and as the prefix of its
     * settings ({@code rebound.<name>.*}): lower case letters, digits and dashes, e.g. {@code jms}.
     */
    String name();

    /**
     * What the transport can do, known before it is made: deployment fails with a clear message when the
     * application asks a channel for something its transport cannot do (a delayed retry without
     * {@link TransportCapability#DELAYED_DELIVERY}).
     */
    Set<TransportCapability> capabilities();

    /**
     * Makes the transport. Reads and checks its settings here, so that a misconfiguration fails deployment.
     *
     * @throws IllegalArgumentException with a message for the deployment log when a setting is wrong
     */
    Transport create(TransportContext context);
}
