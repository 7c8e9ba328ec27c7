package dev.rebound.database;

import java.util.UUID;

/**
 * Every REBOUND message of the database transport, in one place (its ranges in CODES.md: 2160-2169 deployment and
 * start, 3080-3119 run time). The methods without arguments return a {@link java.util.logging} pattern whose
 * parameters are named in their comments; the constants are the codes a {@link dev.rebound.spi.ChannelStatus.Failure}
 * or a {@link dev.rebound.spi.TransportHealth} names.
 */
public final class DatabaseDiagnostics {

    /** A consumer could not claim a row (the database failed); it tries again after a pause. */
    static final String CLAIM_FAILED = "REBOUND-3081";
    /** Carrying out a row's outcome failed; it is tried again. */
    static final String OUTCOME_FAILED = "REBOUND-3082";
    /** The consumers of a channel stopped by the final failure strategy STOP. */
    static final String STOPPED = "REBOUND-3087";
    /** A consumer thread died of a VirtualMachineError. */
    static final String DIED = "REBOUND-3094";
    /** The health check found the database not answering. */
    static final String HEALTH = "REBOUND-3095";

    /** A relay's target refused a message (its broker is down); the batch rolled back, the relay backs off. */
    static final String RELAY_REFUSED = "REBOUND-3100";
    /** A relay's target is not an asynchronous channel of the application. */
    static final String RELAY_NO_TARGET = "REBOUND-3101";
    /** A relay's commit failed after its target took the batch; the batch rolled back, the relay backs off. */
    static final String RELAY_COMMIT_FAILED = "REBOUND-3106";

    private DatabaseDiagnostics() {
    }

    // --- deployment and start

    static String badNumber(String property, long value, long min) {
        return "REBOUND-2160: " + property + "=" + value + " is not valid: a whole number from " + min + " to "
                + Integer.MAX_VALUE + " is expected";
    }

    static String badChoice(String property, String value, String choices) {
        return "REBOUND-2161: " + property + "=" + value + " is not valid: one of " + choices + " is expected";
    }

    static String noDataSource(String name) {
        return name == null
                ? "REBOUND-2162: The database transport finds no DataSource bean: produce one (the persistence unit's "
                        + "JTA data source) or name one with rebound.database.datasource (a JNDI name or a CDI @Named)"
                : "REBOUND-2162: The database transport finds no data source '" + name
                        + "' (rebound.database.datasource): neither a CDI bean @Named(\"" + name
                        + "\") nor a JNDI name";
    }

    static String databaseUnknown(Throwable cause) {
        return "REBOUND-2163: The database transport cannot tell the database of its data source (" + cause
                + "); its table rebound_message is made by the shipped migration V<n>__rebound_message (rebound.schema=create, "
                + "Flyway or Liquibase)";
    }

    static String needsTransactions() {
        return "REBOUND-2164: The database transport needs a JTA transaction manager (the server's, or a CDI bean "
                + "TransactionManager): a row is claimed, handled and deleted in one JTA transaction";
    }

    static String noSkipLocked(String database) {
        return "REBOUND-2165: rebound.database.claim=skip-locked, but " + database + " has no SKIP LOCKED: use "
                + "rebound.database.claim=lease (or auto)";
    }

    static String unknownChannel(String channel, Object carried) {
        return "REBOUND-2166: The database transport carries no channel '" + channel + "'; it carries " + carried
                + ".";
    }

    // --- sending

    static String sendFailed(String channel, UUID messageId, Throwable cause) {
        return "REBOUND-3080: Message " + messageId + " could not be written to database channel " + channel + " ("
                + cause + "); it was not sent";
    }

    // --- consumers

    static String claimFailed(String channel) {
        return CLAIM_FAILED + ": A consumer of database channel " + channel + " could not claim a row; it tries again "
                + "after a pause";
    }

    static String outcomeNotCarriedOut(String outcome, String messageId, String channel) {
        return OUTCOME_FAILED + ": The outcome " + outcome + " of message " + messageId + " of database channel "
                + channel + " could not be carried out; the row stays and the outcome is tried again (the handler "
                + "does not run again on this node)";
    }

    static String failureNotRouted(String messageId, String channel) {
        return "REBOUND-3083: The failure of message " + messageId + " of database channel " + channel
                + " could not be routed; the row stays and is handled again after a pause";
    }

    static String leaseLost(String messageId, String channel) {
        return "REBOUND-3084: The lease of message " + messageId + " of database channel " + channel + " was taken "
                + "over by another consumer (the handler outlived rebound.database.lease-ms): this unit rolled back, "
                + "the other consumer handles it";
    }

    static String dropped(String messageId, String channel, String failureType) {
        return "REBOUND-3085: Message " + messageId + " of database channel " + channel + " failed with "
                + failureType + " and was dropped by the final failure strategy IGNORE";
    }

    static String resentTooOften(String messageId, String channel, long resends, long maxResends,
                                 String failureType) {
        return "REBOUND-3086: Message " + messageId + " of database channel " + channel + " was re-sent " + resends
                + " times by the final failure strategy RESEND (rebound.database.max-resends=" + maxResends
                + ") and failed again: " + failureType + "; it is stored as a dead letter";
    }

    static String stopped(String channel, String reason) {
        return STOPPED + ": The consumers of database channel " + channel + " stopped: " + reason
                + "; the row stays in rebound_message (Consumers.resume starts them again)";
    }

    /** {0} the channel, {1} the reason. */
    static String poisonStored() {
        return "REBOUND-3088: A row of database channel {0} cannot be read and was stored as a dead letter with its "
                + "raw body: {1}";
    }

    static String poisonNotStored(String rowId, String channel) {
        return "REBOUND-3089: Row " + rowId + " of database channel " + channel + " cannot be read, and storing it "
                + "as a dead letter failed; it stays and is tried again after a pause";
    }

    static String noHeaders() {
        return "REBOUND-3090: The row carries no Rebound headers (message_id, headers)";
    }

    static String noPayloadType() {
        return "REBOUND-3090: The row carries no payload type (payload_type)";
    }

    static String unreadableHeaders(Throwable cause) {
        return "REBOUND-3090: The row's headers are not Rebound's JSON: " + cause;
    }

    static String unreadablePayload(Throwable cause) {
        return "REBOUND-3090: The payload cannot be read: " + cause;
    }

    static String notCarried(String target, String channel) {
        return "REBOUND-3091: Channel " + target + " is not a database channel, so a message of database channel "
                + channel + " cannot be forwarded to it in the same transaction";
    }

    /** {0} the thread, {1} the channel, {2} the timeout. */
    static String handlerOutlivesShutdown() {
        return "REBOUND-3092: Consumer thread {0} of database channel {1} still runs its handler after {2} ms "
                + "(rebound.database.shutdown-timeout-ms); it is interrupted, its unit rolls back and the row stays";
    }

    static String restarting(String thread, String channel, int restart) {
        return "REBOUND-3093: Consumer thread " + thread + " of database channel " + channel + " failed with an "
                + "Error and goes on (restart " + restart + ")";
    }

    static String died(String thread, String channel) {
        return DIED + ": Consumer thread " + thread + " of database channel " + channel + " died of a "
                + "VirtualMachineError; the channel runs fewer consumers";
    }

    /** {0} the channels, {1} the database, {2} how rows are claimed. */
    static String consuming() {
        return "REBOUND-3096: Database channels {0} consume from rebound_message on {1}, claiming with {2}";
    }

    // --- relays

    static String relayRefused(String channel, String target) {
        return RELAY_REFUSED + ": The relay of database channel " + channel + " could not enqueue to channel " + target
                + "; the batch rolled back, its rows stay and are relayed after a pause";
    }

    static String relayNoTarget(String channel, String target) {
        return RELAY_NO_TARGET + ": Database channel " + channel + " relays to channel " + target
                + " (rebound.channel." + channel + ".relay-to), which is not an asynchronous channel of the "
                + "application; each row counts a failed attempt and becomes a dead letter after "
                + "rebound.database.relay-max-attempts";
    }

    static String relayGaveUp(String channel, String target, int attempts) {
        return "REBOUND-3102: The relay of database channel " + channel + " could not forward the row to channel "
                + target + " in " + attempts + " attempts (rebound.database.relay-max-attempts): the channel is not "
                + "an asynchronous channel of the application; it is stored as a dead letter with its raw body";
    }

    static String relayLeaseLost(String channel) {
        return "REBOUND-3103: A lease of a batch of relay " + channel + " was taken over by another node (the batch "
                + "outlived rebound.database.lease-ms): this batch rolled back, the other node relays the rows";
    }

    static String relayedSwept() {
        return "REBOUND-3114: Relay {0} deleted {1} keyed row(s) that a relay had forwarded and not deleted within "
                + "rebound.database.relay-hold-ms={2} (it stopped between its commit and the delete); the next rows "
                + "of their keys may go now";
    }

    static String relayCommitFailed(String channel, String target) {
        return RELAY_COMMIT_FAILED + ": The commit of a batch of relay " + channel + " to channel " + target
                + " failed (the database or the broker refused it); every row stays and is relayed again: a target "
                + "that joined the transaction (JMS with XA, in a server) sent nothing, one that did not "
                + "(rebound.jms.transactions=local) sent the batch once already (at-least-once)";
    }

    static String divertedToRelay(String channel, UUID messageId) {
        return "REBOUND-3105: Message " + messageId + " came back to database channel " + channel + " from its own "
                + "relay (the target's fallback is this channel and its broker does not take it): refused, so the "
                + "relay's batch rolls back and the rows are relayed when the broker is back";
    }

    /** {0} the relay channels, {1} their targets. */
    static String relaying() {
        return "REBOUND-3104: Database channels {0} relay their rows to channels {1}";
    }

    static String failingAgain(String what, int inARow, Throwable failure) {
        return what + " (" + inARow + " failures in a row, the last: " + failure.getClass().getName()
                + "; its stack trace was logged with the first)";
    }

    // --- operations: backlog figures (3116-3118)

    static String backlogUnreadable(java.util.Collection<String> channels) {
        return "REBOUND-3116: The depth and lag of database channels " + channels + " could not be read; the last "
                + "figures are kept (with their measured time) until the database answers again";
    }
}
