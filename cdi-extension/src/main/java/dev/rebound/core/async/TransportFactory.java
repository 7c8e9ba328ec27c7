package dev.rebound.core.async;

/** Creates the {@link Transport}; listed in {@code META-INF/services}. */
public interface TransportFactory {

    Transport create(TransportContext context);
}
