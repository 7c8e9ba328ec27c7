package dev.rebound.spi;

import jakarta.transaction.TransactionManager;
import java.lang.annotation.Annotation;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * What a transport gets from Rebound and the container: its settings, beans, the payload codec, threads and the
 * transaction manager. Nothing of Rebound's internals.
 */
public interface TransportContext {

    /** The transport's settings ({@code rebound.<name>.*}, and per channel {@code rebound.channel.<c>.*}). */
    TransportSettings settings();

    /** A channel's settings ({@code rebound.channel.<channel>.*}). */
    TransportSettings channel(String channel);

    /**
     * The CDI bean of the type with the qualifiers, or {@code null} if there is none. Only after deployment (when
     * the consumers start, or on first send), not in {@link TransportFactory#create}.
     */
    <T> T bean(Class<T> type, Annotation... qualifiers);

    PayloadCodec payloads();

    /** The container's managed thread factory, or a plain one outside a server. Asked when consumers start. */
    ThreadFactory threads();

    /** The JTA transaction manager (a CDI bean or the server's), if there is one; asked when consumers start. */
    Optional<TransactionManager> transactionManager();

    /** Whether Rebound runs in a Jakarta EE server (its resources are container-managed). */
    boolean inServer();

    /**
     * Another queue channel of the application, by name (of this transport or another, such as a database
     * channel), for a transport that hands a channel's messages elsewhere when its broker does not take them
     * ({@code rebound.channel.<c>.fallback}); empty when there is none of that name. Only after deployment.
     */
    default java.util.Optional<QueueChannel> queueChannel(String name) {
        return java.util.Optional.empty();
    }

    /**
     * A relay (a channel that hands its rows on to another, {@code rebound.channel.<c>.relay-to}) handed this
     * envelope to {@code target} in the current transaction (its unit of work): call it after the target took the
     * envelope, on the relay's thread. When the transaction ends Rebound tells the interceptors, once, what the unit
     * relayed ({@link MessageInterceptor#relayed}), e.g. for one relay span linked to each message. Cheap without
     * interceptors; never fails the relay. Does nothing by default.
     */
    default void relayed(String channel, String target, Envelope envelope) {
    }
}
