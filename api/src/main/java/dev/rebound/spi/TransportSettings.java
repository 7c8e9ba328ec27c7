package dev.rebound.spi;

import java.util.List;
import java.util.Optional;

/**
 * A transport's configuration (MicroProfile Config underneath), with the prefix removed: for the transport
 * {@code jms}, {@code settings().get("receive-timeout-ms")} reads {@code rebound.jms.receive-timeout-ms};
 * for its channel {@code orders}, {@code channel("orders").get("queue")} reads
 * {@code rebound.channel.orders.queue}. Read at deployment, never per message.
 */
public interface TransportSettings {

    /** The value, trimmed; empty when absent or blank. */
    Optional<String> get(String key);

    /**
     * A whole number.
     *
     * @throws IllegalArgumentException naming the full property and the value when it is not a whole number
     */
    long number(String key, long defaultValue);

    /** A comma separated list, trimmed, blanks left out; empty when absent. */
    List<String> list(String key);

    /** The full property name of a key, for messages: {@code rebound.jms.receive-timeout-ms}. */
    String property(String key);
}
