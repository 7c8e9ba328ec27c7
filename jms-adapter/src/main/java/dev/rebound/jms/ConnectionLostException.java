package dev.rebound.jms;

import dev.rebound.ReboundException;

/**
 * The handler of a message failed because it lost its connection to a database ({@link JmsConsumer#connectionLost}):
 * the unit was rolled back and the message goes back to the queue as it was, not counted as an attempt; the
 * consumer that met it reconnects after its failure pause.
 */
final class ConnectionLostException extends ReboundException {

    private static final long serialVersionUID = 1L;

    ConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
