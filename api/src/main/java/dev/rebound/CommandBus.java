package dev.rebound;

import java.util.Map;

/**
 * Entry point for commands: exactly one {@link CommandHandler} receives each command.
 *
 * <p>Inject it as it is, or declare an application interface that extends it and carries
 * {@link ErrorChannel}, {@link InstantRetry} or {@code @jakarta.transaction.Transactional} to give
 * that entry point its own failure handling. Implementations are thread-safe.
 */
public interface CommandBus {

    /**
     * Sends a command to the handler whose payload parameter accepts its type.
     *
     * @return the handler's result, or {@code null} for void handlers and for failures captured by
     *     an error channel
     * @throws NullPointerException if {@code command} is null
     * @throws NoHandlerException if no handler accepts the command's type
     */
    <R> R send(Object command);

    /** Same as {@link #send(Object)}, with custom metadata that travels as message headers. */
    <R> R send(Object command, Map<String, String> metadata);

    /** Sends a command to the handler registered for {@code routingKey}, e.g. {@code @CommandHandler("order.place")}. */
    <R> R sendWithRouting(String routingKey, Object command);

    /** Same as {@link #sendWithRouting(String, Object)}, with custom metadata. */
    <R> R sendWithRouting(String routingKey, Object command, Map<String, String> metadata);
}
