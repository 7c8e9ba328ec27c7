package dev.rebound.core;

import dev.rebound.Message;

/** Supplies one handler argument from the message; chosen once per parameter at deployment. */
@FunctionalInterface
public interface ArgumentResolver {

    Object resolve(Message message);

    ArgumentResolver PAYLOAD = Message::payload;
    ArgumentResolver MESSAGE = message -> message;
    ArgumentResolver HEADERS = Message::headers;

    static ArgumentResolver header(String name) {
        return message -> message.headers().get(name);
    }
}
