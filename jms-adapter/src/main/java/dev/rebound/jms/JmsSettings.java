package dev.rebound.jms;

import dev.rebound.spi.TransportContext;
import dev.rebound.spi.TransportSettings;

/**
 * The JMS adapter's configuration, read once, from the settings Rebound gives the transport {@code jms} (their
 * {@code rebound.jms.} prefix removed).
 *
 * <ul>
 *   <li>{@code rebound.jms.connection-factory}: JNDI name of the connection factory (default
 *       {@code java:comp/DefaultJMSConnectionFactory}); a CDI bean of type {@code ConnectionFactory} wins</li>
 *   <li>{@code rebound.channel.<name>.queue}: the queue's JNDI name or the provider's queue name (default: the
 *       channel's name), see {@link QueueRef}</li>
 *   <li>{@code rebound.jms.receive-timeout-ms}: how long a consumer waits for a message (default 1000)</li>
 *   <li>{@code rebound.jms.shutdown-timeout-ms}: how long stopping waits for in-flight handlers (default 30000)</li>
 *   <li>{@code rebound.jms.failure-pause-ms}: pause after a message had to be rolled back (default 1000); doubled
 *       on each further failure in a row, up to {@link #MAX_PAUSE_MS}</li>
 *   <li>{@code rebound.jms.unrouted-delay-ms}: when a failure cannot be stored (database down), a copy of the
 *       message that only routes the failure goes back to its queue with this delay (default 5000), doubled on
 *       each turn up to {@code rebound.jms.unrouted-max-delay-ms} (default 300000)</li>
 *   <li>{@code rebound.jms.max-deliveries}: a message the broker delivers this often is stored as a dead letter
 *       without running its handler again (default 5, at least 2); set the broker's own limit higher</li>
 *   <li>{@code rebound.jms.resend-delay-ms}: delay of the final failure strategy {@code RESEND} (default 1000),
 *       doubled on each re-send up to {@code rebound.jms.unrouted-max-delay-ms}</li>
 *   <li>{@code rebound.jms.max-resends}: re-sends by {@code RESEND} before the message is stored as a dead
 *       letter (default 10)</li>
 *   <li>{@code rebound.jms.transactions}: how a consumer makes receive, handler and acknowledgement one unit,
 *       {@link ConsumerTransactions} (default {@code auto})</li>
 *   <li>{@code rebound.jms.health-timeout-ms}: how long the readiness check waits for a connection to the broker
 *       (default 5000)</li>
 *   <li>{@code rebound.jms.decisions-topic}: the topic on which the nodes consuming the same queues share their
 *       decisions about failed messages in the modes {@code xa} and {@code jta} ({@link SharedDecisions}; default
 *       {@value SharedDecisions#DEFAULT_TOPIC}, {@code none} not to share)</li>
 *   <li>{@code rebound.jms.decisions-table}: whether those decisions are kept in the table {@code rebound_decision}
 *       (schema version 8) instead, exactly across nodes ({@link DecisionTable}): {@code auto} (default: when a
 *       data source with the table is found, else the topic, logged as {@code REBOUND-3109}), {@code required}
 *       (deployment fails without them), {@code none} (the topic only)</li>
 *   <li>{@code rebound.jms.decisions-datasource}: the data source of that table, a CDI {@code @Named} bean or a JNDI
 *       name (default: the {@code DataSource} bean)</li>
 *   <li>{@code rebound.jms.decisions-retention-ms}: how long a row of that table waits for its message's
 *       redelivery before it is removed (default 604800000, 7 days)</li>
 *   <li>{@code rebound.jms.send-retries}, {@code send-retry-delays-ms}, {@code send-retry-jitter},
 *       {@code send-timeout-ms}: how a send the broker does not take is tried again, {@link SendRetry}; each also
 *       per channel ({@code rebound.channel.<name>.send-retries}, ...)</li>
 * </ul>
 */
record JmsSettings(TransportContext context, String connectionFactory, long receiveTimeoutMs, long shutdownTimeoutMs,
                   long failurePauseMs, long unroutedDelayMs, long unroutedMaxDelayMs, int maxDeliveries,
                   long resendDelayMs, int maxResends, ConsumerTransactions transactions,
                   long healthTimeoutMs, SendRetry sendRetry, String decisionsTopic, DecisionsTable decisionsTable,
                   String decisionsDataSource, long decisionsRetentionMs) {

    /** {@code rebound.jms.decisions-table}. */
    enum DecisionsTable {
        /** the table when a data source with it is found, else the topic (logged) */
        AUTO,
        /** the table, or the deployment fails */
        REQUIRED,
        /** the topic only */
        NONE
    }

    static final String DECISIONS_TABLE = "decisions-table";
    static final String DECISIONS_DATASOURCE = "decisions-datasource";
    static final String DECISIONS_RETENTION_MS = "decisions-retention-ms";

    static final String DEFAULT_CONNECTION_FACTORY = "java:comp/DefaultJMSConnectionFactory";
    static final String MAX_DELIVERIES = "max-deliveries";
    /** The longest pause of a consumer that keeps failing to carry out an outcome or to reconnect. */
    static final long MAX_PAUSE_MS = 30_000;

    static JmsSettings read(TransportContext context) {
        TransportSettings config = context.settings();
        long maxDeliveries = config.number(MAX_DELIVERIES, 5);
        if (maxDeliveries < 2 || maxDeliveries > Integer.MAX_VALUE) {
            // one delivery to try a failed message's outcome, one more to send its copy when that failed
            throw new IllegalArgumentException(JmsDiagnostics.badValue(config.property(MAX_DELIVERIES),
                    String.valueOf(maxDeliveries), JmsDiagnostics.maxDeliveriesExpected()));
        }
        long maxResends = config.number("max-resends", 10);
        if (maxResends < 0 || maxResends > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(JmsDiagnostics.badValue(config.property("max-resends"),
                    String.valueOf(maxResends), "a whole number of 0 or more"));
        }
        return new JmsSettings(context,
                config.get("connection-factory").orElse(DEFAULT_CONNECTION_FACTORY),
                config.number("receive-timeout-ms", 1000),
                config.number("shutdown-timeout-ms", 30_000),
                config.number("failure-pause-ms", 1000),
                config.number("unrouted-delay-ms", 5000),
                config.number("unrouted-max-delay-ms", 300_000),
                (int) maxDeliveries,
                config.number("resend-delay-ms", 1000),
                (int) maxResends,
                ConsumerTransactions.parse(config.get(ConsumerTransactions.KEY).orElse("auto"),
                        config.property(ConsumerTransactions.KEY)),
                Math.max(1, config.number("health-timeout-ms", 5000)),
                SendRetry.read(config, SendRetry.DEFAULT),
                decisionsTopic(config.get("decisions-topic").orElse(SharedDecisions.DEFAULT_TOPIC)),
                decisionsTable(config),
                config.get(DECISIONS_DATASOURCE).map(String::strip).filter(name -> !name.isEmpty()).orElse(null),
                decisionsRetention(config));
    }

    private static DecisionsTable decisionsTable(TransportSettings config) {
        String value = config.get(DECISIONS_TABLE).orElse("auto");
        try {
            return DecisionsTable.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(JmsDiagnostics.badValue(config.property(DECISIONS_TABLE), value,
                    "one of auto, required, none"), e);
        }
    }

    private static long decisionsRetention(TransportSettings config) {
        long retention = config.number(DECISIONS_RETENTION_MS, 604_800_000L);
        if (retention < 1000) {
            throw new IllegalArgumentException(JmsDiagnostics.badValue(config.property(DECISIONS_RETENTION_MS),
                    String.valueOf(retention), "a whole number of milliseconds, 1000 or more"));
        }
        return retention;
    }

    /** {@code rebound.jms.decisions-topic}: blank or {@code none} turn the sharing off ({@code null}). */
    private static String decisionsTopic(String value) {
        String topic = value.trim();
        return topic.isEmpty() || topic.equalsIgnoreCase("none") ? null : topic;
    }

    String queue(String channel) {
        return context.channel(channel).get("queue").orElse(channel);
    }

    /** The delay of the {@code turn}th copy or re-send: {@code first}, doubled each turn, capped. */
    long growingDelay(long first, int turn) {
        long delay = Math.max(0, first);
        for (int i = 1; i < turn && delay < unroutedMaxDelayMs; i++) {
            delay *= 2;
        }
        return Math.min(delay, Math.max(first, unroutedMaxDelayMs));
    }
}
