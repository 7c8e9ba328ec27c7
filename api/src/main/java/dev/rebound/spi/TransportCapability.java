package dev.rebound.spi;

/** What a transport can do; checked against what the application asks of each channel at deployment. */
public enum TransportCapability {

    /** {@link QueueChannel#enqueue} with a delay: the message is delivered no earlier (delayed retries). */
    DELAYED_DELIVERY,

    /**
     * A send from a handler or a gateway joins the caller's JTA transaction (it happens if and only if the
     * transaction commits), and a consumer can run the handler in the transaction of the receive and the
     * acknowledgement.
     */
    JOINS_TRANSACTION,

    /** Messages survive a restart of the application (a broker, a database); the in-memory transport's do not. */
    DURABLE,

    /**
     * Messages of one ordering key ({@link Envelope#ORDERING_KEY}) are delivered in the order they were sent, one
     * at a time, a failing one holding back the later ones of its key only: what
     * {@code rebound.channel.<c>.ordering-key} needs of a channel's transport.
     */
    ORDERED_BY_KEY
}
