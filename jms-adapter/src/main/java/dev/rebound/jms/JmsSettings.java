package dev.rebound.jms;

import dev.rebound.config.ReboundConfig;

/**
 * The JMS adapter's configuration, read once.
 *
 * <ul>
 *   <li>{@code rebound.jms.connection-factory}: JNDI name of the connection factory (default
 *       {@code java:comp/DefaultJMSConnectionFactory}); a CDI bean of type {@code ConnectionFactory} wins</li>
 *   <li>{@code rebound.channel.<name>.queue}: the queue's JNDI name or the provider's queue name (default: the
 *       channel's name), see {@link QueueRef}</li>
 *   <li>{@code rebound.jms.receive-timeout-ms}: how long a consumer waits for a message (default 1000)</li>
 *   <li>{@code rebound.jms.shutdown-timeout-ms}: how long stopping waits for in-flight handlers (default 30000)</li>
 *   <li>{@code rebound.jms.failure-pause-ms}: pause after a message had to be rolled back (default 1000)</li>
 *   <li>{@code rebound.jms.unrouted-delay-ms}: when a failure cannot be stored (database down), the message goes
 *       back to its queue with this delay (default 5000)</li>
 *   <li>{@code rebound.jms.transactions}: how a consumer makes receive, handler and acknowledgement one unit,
 *       {@link ConsumerTransactions} (default {@code auto})</li>
 * </ul>
 */
record JmsSettings(ReboundConfig config, String connectionFactory, long receiveTimeoutMs, long shutdownTimeoutMs,
                   long failurePauseMs, long unroutedDelayMs, ConsumerTransactions transactions) {

    static final String DEFAULT_CONNECTION_FACTORY = "java:comp/DefaultJMSConnectionFactory";

    static JmsSettings read(ReboundConfig config) {
        return new JmsSettings(config,
                config.get("rebound.jms.connection-factory").orElse(DEFAULT_CONNECTION_FACTORY),
                config.number("rebound.jms.receive-timeout-ms", 1000),
                config.number("rebound.jms.shutdown-timeout-ms", 30_000),
                config.number("rebound.jms.failure-pause-ms", 1000),
                config.number("rebound.jms.unrouted-delay-ms", 5000),
                ConsumerTransactions.parse(config.get(ConsumerTransactions.PROPERTY).orElse("auto")));
    }

    String queue(String channel) {
        return config.get("rebound.channel." + channel + ".queue").orElse(channel);
    }
}
