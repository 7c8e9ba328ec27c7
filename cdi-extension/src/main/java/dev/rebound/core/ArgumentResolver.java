package dev.rebound.core;

import dev.rebound.Attempt;
import dev.rebound.Message;

/** Supplies one handler argument from the message and its attempt; chosen once per parameter at deployment. */
@FunctionalInterface
public interface ArgumentResolver {

    /** @param attempt the attempt, or {@code null} when the handler has no {@link Attempt} parameter */
    Object resolve(Message message, Attempt attempt);

    ArgumentResolver PAYLOAD = (message, attempt) -> message.payload();
    ArgumentResolver MESSAGE = (message, attempt) -> message;
    ArgumentResolver HEADERS = (message, attempt) -> message.headers();
    ArgumentResolver ATTEMPT = (message, attempt) -> attempt;

    static ArgumentResolver header(String name) {
        return (message, attempt) -> message.headers().get(name);
    }
}
