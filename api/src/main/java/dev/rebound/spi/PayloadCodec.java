package dev.rebound.spi;

/**
 * Turns payloads into text and back (JSON-B), for transports that carry text. Reads only the types the
 * application's handlers declare (and their subtypes that are sent), never an arbitrary class named by a
 * message. Thread-safe; never Java serialization.
 */
public interface PayloadCodec {

    /** The name a payload's type travels under. */
    String typeName(Object payload);

    /** The payload as JSON. */
    String write(Object payload);

    /**
     * The payload back.
     *
     * @throws IllegalArgumentException with the reason (REBOUND code, unknown or refused type, unreadable JSON)
     *     when the body cannot be read as that type: the transport keeps the message as a poison message
     */
    Object read(String body, String typeName);
}
