package dev.rebound.jms;

/**
 * Every REBOUND message of the JMS transport, in one place (its ranges in CODES.md: 3001-3059, 3107-3113 and
 * 2191-2195, with 2011, 2017 and 2071). The methods without arguments return a {@link java.util.logging} pattern
 * whose parameters are named in their comments; the constants are the codes a {@link dev.rebound.spi.ChannelStatus.Failure} or the health
 * check names. This module may not import core's {@code Diagnostics}, so 2011 and 2017 are worded here again.
 */
final class JmsDiagnostics {

    /** The consumers of a channel stopped by the final failure strategy STOP. */
    static final String STOPPED = "REBOUND-3006";
    /** A consumer's session failed; it reconnects. */
    static final String RECONNECTING = "REBOUND-3007";
    /** A consumer thread failed with an Error and restarts. */
    static final String RESTARTING = "REBOUND-3040";
    /** A consumer thread died of a VirtualMachineError. */
    static final String DIED = "REBOUND-3041";
    /** The broker cannot be reached (health check). */
    static final String UNREACHABLE = "REBOUND-3050";
    /** The broker did not answer in time (health check). */
    static final String TIMED_OUT = "REBOUND-3051";

    private JmsDiagnostics() {
    }

    // --- deployment

    /** A setting that is not valid, worded as Rebound's own for every setting. */
    static String badValue(String property, String value, String expected) {
        return "REBOUND-2011: Config property " + property + "=" + value + " is not valid: expected " + expected
                + ".";
    }

    static String noConnectionFactory(String jndiName) {
        return "REBOUND-2017: No JMS ConnectionFactory: no CDI bean of that type and "
                + "nothing usable at JNDI name " + jndiName + " (set rebound.jms.connection-factory).";
    }

    static String unknownChannel(String name, Object carried) {
        return "REBOUND-2071: The JMS transport carries no channel '" + name + "'; it carries " + carried + ".";
    }

    // --- reading and sending messages

    static String notText(String type) {
        return "REBOUND-3001: Not a text message: " + type;
    }

    static String unreadableHeaders(Object cause) {
        return "REBOUND-3004: Headers cannot be read: " + cause;
    }

    static String missingProperty(String name) {
        return "REBOUND-3004: Required property " + name + " is missing.";
    }

    static String sendFailed(Object queue, String channel, Object cause) {
        return "REBOUND-3005: Could not send to queue " + queue + " of channel " + channel + ": " + cause;
    }

    static String unreadableBody(Object cause) {
        return "REBOUND-3025: Body cannot be read: " + cause;
    }

    /** The part of a poison message's reason that says its body could not be read either. */
    static String bodyUnreadableToo(Object cause) {
        return " (REBOUND-3025: the body cannot be read: " + cause + ")";
    }

    static String queueNotFound(String channel, String jndiName) {
        return "REBOUND-3017: Queue of channel " + channel + " not found: nothing of "
                + "type jakarta.jms.Queue at JNDI name " + jndiName + " (rebound.channel." + channel
                + ".queue). Bind the queue there, or give the provider's queue name instead.";
    }

    // --- consumers

    static String stopped(String channel, String reason) {
        return STOPPED + ": Consumer of channel " + channel + " stopped: " + reason;
    }

    static String reconnecting(String channel) {
        return RECONNECTING + ": Consumer of channel " + channel + " failed; reconnecting";
    }

    static String failureNotHandedOver(String messageId, String target, Object why, Object queue, long delayMs,
                                       int turn) {
        return "REBOUND-3008: Failure of message " + messageId + " could not be handed to channel "
                + target + (why == null ? "" : " (" + why + ")") + "; a copy that only routes the "
                + "failure goes back to queue " + queue + " for " + delayMs + " ms (turn " + turn + ")";
    }

    static String deadLetterNotStored(String messageId, Object why) {
        return "REBOUND-3008: The dead letter of message " + messageId + " could not be "
                + "stored (" + why + "); if the message comes back, a copy routes it";
    }

    static String poisonNotStored(Object id, Object why, Object queue, long delayMs, int turn) {
        return "REBOUND-3008: Unreadable message " + id + " could not be stored (" + why + "); it "
                + "goes back to queue " + queue + " for " + delayMs + " ms (turn " + turn + ")";
    }

    static String dropped(String messageId, String channel, String failure) {
        return "REBOUND-3009: Dropping message " + messageId + " of channel "
                + channel + " (final failure strategy IGNORE): " + failure;
    }

    /** Pattern: {0} the channel, {1} why the message could not be read. */
    static String poisonStored() {
        return "REBOUND-3010: Unreadable message on channel {0} stored as dead letter: {1}";
    }

    /** Pattern: {0} the channels, {1} how they consume. */
    static String consumptionMode() {
        return "REBOUND-3011: Consumers of channels {0} receive, handle and acknowledge each message {1}";
    }

    static String receiveFailed(Object cause) {
        return "REBOUND-3012: Could not receive in a JTA transaction: " + cause;
    }

    static String connectionLost(String messageId, String channel, Throwable cause) {
        return "REBOUND-1080: The handler of message " + messageId + " of channel " + channel + " lost its database"
                + " connection (" + cause + "): rolled back and not counted as an attempt; the message goes back to"
                + " the queue as it was and this consumer reconnects after a pause";
    }

    static String commitFailed(Object cause) {
        return "REBOUND-3013: Could not commit the consumer's transaction: " + cause;
    }

    static String rollbackFailed() {
        return "REBOUND-3014: Could not roll back the consumer's transaction; the transaction "
                + "manager ends it at its timeout and the broker delivers the message again";
    }

    static String xaNeedsXaFactory(String property, String factoryClass) {
        return "REBOUND-3015: " + property + "=xa needs an XAConnectionFactory; " + factoryClass + " is not one";
    }

    static String needsTransactionManager(String property, String mode) {
        return "REBOUND-3016: " + property + "=" + mode + " needs a JTA TransactionManager "
                + "(a CDI bean or the server's); there is none. Use local, or provide one.";
    }

    static String heuristicTransaction(String messageId, String channel) {
        return "REBOUND-3018: The transaction of message " + messageId + " on channel "
                + channel + " ended with a heuristic outcome; the message is stored as a dead letter for an "
                + "operator to check whether its work was done";
    }

    static String heuristicButRolledBack(Exception heuristic) {
        return "REBOUND-3112: The consumer's transaction was reported as " + heuristic.getClass().getSimpleName()
                + " but the transaction manager rolled it back (a resource failed in prepare and its rollback could not"
                + " be confirmed): nothing committed, the message comes back; not stored as a dead letter";
    }

    static String deliveryLimit(String messageId, String channel, int deliveries, int maxDeliveries, String last) {
        return "REBOUND-3019: Message " + messageId + " of channel " + channel
                + " was delivered " + deliveries + " times (rebound.jms.max-deliveries=" + maxDeliveries
                + ") without being settled; it is stored as a dead letter without running its handler again. Last "
                + "failure: " + last;
    }

    /** The part of the max-deliveries setting's expected value that names the code it feeds. */
    static String maxDeliveriesExpected() {
        return "a whole number of 2 or more (REBOUND-3019), lower than the broker's own redelivery limit";
    }

    static String failureNotRouted(String messageId, String channel) {
        return "REBOUND-3020: The failure of message " + messageId + " on channel " + channel
                + " could not be routed; its handler runs again";
    }

    static String outcomeNotCarriedOut(Object kind, String messageId, String channel) {
        return "REBOUND-3020: Could not carry out the outcome " + kind + " of message "
                + messageId + " on channel " + channel + "; rolled back, the outcome is kept for its "
                + "redelivery";
    }

    static String poisonNotSettled(Object id, String channel) {
        return "REBOUND-3020: Unreadable message " + id + " on channel " + channel + " could not be "
                + "settled; rolled back";
    }

    static String failingAgain(String what, int failuresInARow, Object failure) {
        return "REBOUND-3021: " + what + " (" + failuresInARow + " failures in a row; stack "
                + "trace logged before): " + failure;
    }

    static String resentTooOften(String messageId, String channel, int resends, int maxResends, String failure) {
        return "REBOUND-3022: Message " + messageId + " of channel " + channel
                + " was re-sent " + resends + " times by the final failure strategy RESEND "
                + "(rebound.jms.max-resends=" + maxResends + ") and failed again: "
                + failure + "; it is stored as a dead letter";
    }

    /** Pattern: {0} the message's id, {1} the channel, {2} the turn. */
    static String failureReachedChannel() {
        return "REBOUND-3023: The failure of message {0} reached channel {1} on turn {2}";
    }

    static String heuristicOutcome(Object kind, String messageId, String channel) {
        return "REBOUND-3024: The unit that carried out the outcome " + kind
                + " of message " + messageId + " on channel " + channel + " ended with a heuristic "
                + "outcome; if the message does not come back, check whether its outcome happened";
    }

    static String restarting(String thread, String channel, long pauseMs, int restart) {
        return RESTARTING + ": Consumer thread " + thread + " of channel " + channel
                + " failed with an Error; it restarts in " + pauseMs + " ms (restart " + restart
                + " of the channel)";
    }

    static String died(String thread, String channel) {
        return DIED + ": Consumer thread " + thread + " of channel " + channel
                + " died; the channel runs with fewer consumers until the application restarts";
    }

    /** Pattern: {0} the thread, {1} the channel, {2} the timeout, {3} the thread's stack. */
    static String handlerOutlivesShutdown() {
        return "REBOUND-3042: The handler on consumer thread {0} of channel {1} still runs "
                + "after rebound.jms.shutdown-timeout-ms={2}; its transaction is rolled back and the thread "
                + "interrupted, so that its message goes back to the queue. It is at:{3}";
    }

    /** Pattern: {0} the thread, {1} the channel. */
    static String threadOutlivesInterrupt() {
        return "REBOUND-3043: Consumer thread {0} of channel {1} did not end when interrupted; "
                + "it is left to finish, and its message goes back to the queue when the handler returns";
    }

    static String noHealthThread() {
        return UNREACHABLE + ": the thread factory made no thread (stopping?)";
    }

    // --- several nodes (3107)

    static String decisionsNotShared(String what, String topic, Object cause) {
        return "REBOUND-3107: Could not " + what + " the topic " + topic + " (rebound.jms.decisions-topic) on which"
                + " the nodes share their decisions about failed messages: " + cause + "; until it works, a"
                + " redelivery that another node gets runs its handler again for the same attempt";
    }

    // --- several nodes: the decisions table (3108-3111, 3113; deployment 2191-2193)

    static String decisionsInTable(String source, long retentionMs) {
        return "REBOUND-3108: The decisions about failed messages (modes xa and jta) are kept in the table "
                + "rebound_decision of " + source + ": a redelivery that another node gets carries out the decision"
                + " of the node that failed it, exactly once; rows whose message never comes back are removed after "
                + retentionMs + " ms (rebound.jms.decisions-retention-ms)";
    }

    static String decisionsNotInTable(String why, String topic) {
        return "REBOUND-3109: The decisions about failed messages (modes xa and jta) are not kept in the database: "
                + why + "; " + (topic != null ? "they are announced on the topic " + topic + " (rebound.jms."
                + "decisions-topic), and a notice lost or later than " + SharedDecisions.GRACE_MS + " ms lets a "
                + "redelivery that another node gets run its handler again for the same attempt"
                : "they stay in each node's memory (rebound.jms.decisions-topic=none), and a redelivery that another"
                + " node gets runs its handler again for the same attempt") + ". Schema version 8 (table "
                + "rebound_decision) and a DataSource keep them exactly (rebound.jms.decisions-table, "
                + "rebound.jms.decisions-datasource).";
    }

    static String decisionTableFailed(String what, String messageId, Object cause) {
        return "REBOUND-3110: Could not " + what + " the decision about message " + messageId + " in the table "
                + "rebound_decision: " + cause + "; if its redelivery goes to another node, the handler may run "
                + "again for the same attempt";
    }

    static String decisionLeftByEndedNode(String messageId, String channel, String node) {
        return "REBOUND-3111: Message " + messageId + " of channel " + channel + " failed on node " + node
                + ", which ended before it had decided about the failure (its row in rebound_decision was left "
                + "routing): the handler runs again for this attempt";
    }

    static String decisionsCleanupFailed(Object cause) {
        return "REBOUND-3113: Removing the expired rows of rebound_decision failed: " + cause + "; the next run "
                + "tries again";
    }

    static String decisionsTableRequired(String why) {
        return "REBOUND-2191: rebound.jms.decisions-table=required, but " + why + ". Apply Rebound's schema "
                + "version 8 (db/rebound/<database>/V8__rebound_decision.sql, or rebound.schema=create), produce a "
                + "DataSource bean or name one with rebound.jms.decisions-datasource, or set "
                + "rebound.jms.decisions-table=auto.";
    }

    static String noDecisionsDataSource(String name) {
        return "REBOUND-2192: rebound.jms.decisions-datasource=" + name + " names no DataSource: no CDI bean "
                + "@Named(\"" + name + "\") of that type and nothing usable at that JNDI name.";
    }

    static String decisionsTableUnreadable(String source, Object cause) {
        return "REBOUND-2193: rebound.jms.decisions-table=required, but the schema of " + source + " cannot be "
                + "read: " + cause;
    }

    // --- sending (3052-3057)

    static String unwritablePayload(String type, String channel, Object cause, boolean inTransaction) {
        return "REBOUND-3052: The payload " + type + " for channel " + channel + " cannot be written as JSON: "
                + cause + "; nothing was sent" + (inTransaction
                ? ", and the transaction is marked for rollback, so that none of its messages leaves" : "");
    }

    static String notSentAtCommit(int messages, Object channels, String attempts, Object cause) {
        return "REBOUND-3053: The " + messages + " message(s) of this transaction for " + channels
                + " could not be sent before its commit (" + attempts + "): " + cause
                + "; the transaction is rolled back, none of them was sent";
    }

    /** Pattern: {0} the queues, {1} the failure, {2} the retry, {3} the retries, {4} the delay. */
    static String sendRetry() {
        return "REBOUND-3054: Send to {0} failed ({1}); retry {2} of {3} in {4} ms";
    }

    static String notSent(Object queues, String attempts, Object cause) {
        return "REBOUND-3055: Could not send to " + queues + " (" + attempts + "): " + cause;
    }

    /** How a send ended, for 3053 and 3055: attempts, time, and whether the bound cut it off. */
    static String attempts(int attempts, long elapsedMs, boolean timedOut, String timeoutProperty, long timeoutMs) {
        return attempts + (attempts == 1 ? " attempt" : " attempts") + " in " + elapsedMs + " ms"
                + (timedOut ? ", the last cut off by " + timeoutProperty + "=" + timeoutMs : "");
    }

    static String sendThreadsBusy(int threads) {
        return "REBOUND-3055: all " + threads + " send threads wait for the broker; this send is refused at once";
    }

    static String commitUnknown(long graceMs) {
        return "REBOUND-3055: the broker did not answer the commit within " + graceMs + " ms more; whether the "
                + "messages were sent is unknown, so they are not sent again";
    }

    static String badFallback(String channel, String property, String fallback, String reason) {
        return "REBOUND-3056: " + property + "=" + fallback + " of channel " + channel + " is not valid: " + reason;
    }

    /** Pattern: {0} the count, {1} the channels, {2} the fallback channels, {3} the failure. */
    static String divertedToFallback() {
        return "REBOUND-3057: The broker did not take {0} message(s) for {1} ({3}); they went to the fallback "
                + "channel(s) {2} instead";
    }

    // --- batches (3058-3059)

    static String batchNotJoined(int messages, Object queues, Object cause) {
        return "REBOUND-3058: The batch of " + messages + " message(s) for " + queues + " could not be sent in the "
                + "caller's XA transaction: " + cause + "; the transaction is marked for rollback, none of them is sent";
    }
}
