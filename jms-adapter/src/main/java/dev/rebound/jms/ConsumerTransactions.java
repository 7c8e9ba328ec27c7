package dev.rebound.jms;

import java.util.Locale;

/** How a consumer makes receiving, handling and acknowledging a message one unit ({@code rebound.jms.transactions}). */
enum ConsumerTransactions {

    /**
     * {@link #JTA} in a Jakarta EE server with a transaction manager; outside one, {@link #XA} when the
     * connection factory is an {@code XAConnectionFactory} and there is a transaction manager; else {@link #LOCAL}.
     */
    AUTO,
    /** Stand-alone XA: the consumer's XA session is enlisted in a new JTA transaction per message. */
    XA,
    /** A server's managed connection factory: each message's context is created inside a new JTA transaction. */
    JTA,
    /** A transacted JMS session; the handler runs in a JTA transaction of its own, committed before the ack. */
    LOCAL;

    static final String PROPERTY = "rebound.jms.transactions";
    /** {@link #PROPERTY} without the transport's prefix. */
    static final String KEY = "transactions";

    static ConsumerTransactions parse(String value, String property) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(JmsDiagnostics.badValue(property, value,
                    "one of auto, xa, jta, local"), e);
        }
    }
}
