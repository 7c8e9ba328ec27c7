package dev.rebound.core.async;

import dev.rebound.config.ReboundConfig;
import dev.rebound.deadletter.PayloadTypes;
import jakarta.json.bind.Jsonb;
import dev.rebound.core.tx.Transactions;
import java.lang.annotation.Annotation;
import java.util.concurrent.ThreadFactory;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What a transport gets from Rebound and the container.
 *
 * @param config the application's configuration
 * @param beans finds a CDI bean by type ({@code null} if there is none); lazily, after deployment
 * @param payloadTypes the types a message body may be read into
 * @param jsonb JSON-B, created on first use
 * @param threads the container's managed thread factory, or a plain one outside a server
 * @param transactions JTA demarcation ({@link Transactions#available()} says whether there is a manager)
 * @param inServer whether Rebound runs in a Jakarta EE server (its resources are container-managed); asked lazily
 */
public record TransportContext(ReboundConfig config, Beans beans, PayloadTypes payloadTypes, Supplier<Jsonb> jsonb,
                               Supplier<ThreadFactory> threads, Transactions transactions, BooleanSupplier inServer) {

    /** Looks up CDI beans. */
    @FunctionalInterface
    public interface Beans {
        /** The bean of the type with the qualifiers, or {@code null} if there is none. */
        <T> T find(Class<T> type, Annotation... qualifiers);
    }
}
