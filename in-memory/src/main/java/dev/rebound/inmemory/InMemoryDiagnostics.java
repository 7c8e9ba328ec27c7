package dev.rebound.inmemory;

/**
 * Every REBOUND message of the in-memory transport, in one place (its ranges in CODES.md: 2060-2069, 2072 and
 * 3060-3079). The methods without arguments return a {@link java.util.logging} pattern whose parameters are named
 * in their comments; the constants are the codes a {@link dev.rebound.spi.ChannelStatus.Failure} names.
 */
final class InMemoryDiagnostics {

    /** Carrying out a message's outcome failed; it is tried again. */
    static final String OUTCOME_FAILED = "REBOUND-3063";
    /** The consumers of a channel stopped by the final failure strategy STOP. */
    static final String STOPPED = "REBOUND-3066";
    /** A consumer thread died of a VirtualMachineError. */
    static final String DIED = "REBOUND-3069";

    private InMemoryDiagnostics() {
    }

    // --- deployment

    static String badNumber(String property, long value, long min) {
        return "REBOUND-2060: " + property + "=" + value
                + " is not valid: a whole number from " + min + " to " + Integer.MAX_VALUE + " is expected";
    }

    static String unknownChannel(String channel, Object carried) {
        return "REBOUND-2072: The in-memory transport carries no channel '" + channel + "'; it carries " + carried
                + ".";
    }

    // --- sending

    static String full(String channel, int capacity) {
        return "REBOUND-3060: In-memory channel " + channel + " is full (" + capacity
                + " messages waiting, delayed, in flight or in open transactions: rebound.channel." + channel
                + ".capacity, else rebound.in-memory.capacity); the message was not sent";
    }

    static String cannotJoinTransaction(String channel, Object refused) {
        return "REBOUND-3061: The message for channel " + channel + " cannot join the "
                + "caller's transaction (" + refused + "); it was not sent";
    }

    static String transactionUnreadable(String channel) {
        return "REBOUND-3061: The transaction of the send to channel " + channel
                + " cannot be read; the message was not sent";
    }

    // --- consumers

    static String unreadablePayload(Object cause) {
        return "REBOUND-3062: The payload cannot be read: " + cause;
    }

    static String noHeaders() {
        return "REBOUND-3062: The message carries no Rebound headers (message id, correlation id, timestamp)";
    }

    static String noPayloadType() {
        return "REBOUND-3062: The message names no payload type";
    }

    /** Pattern: {0} the channel, {1} why the message could not be read. */
    static String poisonStored() {
        return "REBOUND-3062: Unreadable message on in-memory channel {0} stored as dead letter: {1}";
    }

    static String consumerFailed(String channel) {
        return OUTCOME_FAILED + ": Consumer of in-memory channel " + channel + " failed";
    }

    static String outcomeNotCarriedOut(String outcome, String messageId, String channel, long pauseMs) {
        return OUTCOME_FAILED + ": Could not carry out the outcome " + outcome
                + " of message " + messageId + " on in-memory channel " + channel + "; it is tried again in "
                + pauseMs + " ms without running the handler";
    }

    static String deliveryTransactionFailed(String channel) {
        return OUTCOME_FAILED + ": the transaction of the delivery to " + channel + " failed";
    }

    static String dropped(String messageId, String channel, String failureType) {
        return "REBOUND-3064: Dropping message " + messageId + " of in-memory channel "
                + channel + " (final failure strategy IGNORE): " + failureType;
    }

    static String resentTooOften(String messageId, String channel, long resends, long maxResends,
                                 String failureType) {
        return "REBOUND-3065: Message " + messageId + " of in-memory channel " + channel
                + " was re-sent " + resends + " times by the final failure strategy RESEND "
                + "(rebound.in-memory.max-resends=" + maxResends + ") and failed again: "
                + failureType + "; it is stored as a dead letter";
    }

    static String stopped(String channel, String reason) {
        return STOPPED + ": Consumers of in-memory channel " + channel + " stopped: " + reason;
    }

    /** Pattern: {0} the thread, {1} the channel, {2} the timeout. */
    static String handlerOutlivesShutdown() {
        return "REBOUND-3067: The handler on consumer thread {0} of in-memory channel {1} "
                + "still runs after rebound.in-memory.shutdown-timeout-ms={2}; it is interrupted and its "
                + "message goes back to the queue";
    }

    static String restarting(String thread, String channel, int restart) {
        return "REBOUND-3068: Consumer thread " + thread + " of in-memory channel "
                + channel + " failed with an Error; it goes on (restart " + restart + " of the channel)";
    }

    static String died(String thread, String channel) {
        return DIED + ": Consumer thread " + thread + " of in-memory channel "
                + channel + " died; the channel runs with fewer consumers";
    }

    static String deliveryLimit(String messageId, String channel, long deliveries, long maxDeliveries) {
        return "REBOUND-3070: Message " + messageId + " of in-memory channel " + channel + " was taken "
                + deliveries + " times (rebound.in-memory.max-deliveries=" + maxDeliveries
                + ") without being settled; it is stored as a dead letter without running its handler again";
    }

    static String poisonNotStored(Object id, String channel, long pauseMs) {
        return "REBOUND-3071: Unreadable message " + id + " on in-memory channel "
                + channel + " could not be stored as a dead letter; it is tried again in " + pauseMs + " ms";
    }

    static String failureNotRouted(String messageId, String channel) {
        return "REBOUND-3072: The failure of message " + messageId + " on in-memory channel "
                + channel + " could not be routed; its handler runs again";
    }

    static String heuristicTransaction(String messageId, String channel) {
        return "REBOUND-3073: The transaction of message " + messageId + " on in-memory "
                + "channel " + channel + " ended with a heuristic outcome; it is stored as a dead "
                + "letter for an operator to check whether its work was done";
    }

    static String notCarried(String channel, String from) {
        return "REBOUND-3074: Channel " + channel + " is not carried by the in-memory "
                + "transport; a failure of channel " + from + " cannot be forwarded to it";
    }

    // --- the test helper InMemoryChannels

    static String notIdle(Object timeout, Object busy) {
        return "REBOUND-3075: In-memory channels not idle after " + timeout
                + ": " + busy + " (messages per channel; a STOPPED or paused channel keeps its messages)";
    }

    static String noChannel(String channel, Object channels) {
        return "REBOUND-3075: No in-memory channel " + channel + "; the channels are " + channels;
    }

    static String noTransport() {
        return "REBOUND-3075: No in-memory transport was made in this JVM: is "
                + "rebound-in-memory on the class path and does a channel use it (rebound.channel.<name>."
                + "transport=in-memory when another transport is there too)?";
    }

    // --- the dead letter store

    static String storeCannotJoin(Object refused) {
        return "REBOUND-3076: The in-memory dead letter store cannot join the caller's transaction (" + refused
                + "); nothing was stored or deleted.";
    }

    static String storeCannotRead(Object failure) {
        return "REBOUND-3076: The in-memory dead letter store cannot read the caller's transaction (" + failure + ").";
    }

    static String storeWithoutTransactions() {
        return "REBOUND-3077: The in-memory dead letter store found no TransactionSynchronizationRegistry in JNDI "
                + "(java:comp/TransactionSynchronizationRegistry) and no TransactionManager bean: its writes take "
                + "effect at once and a rollback does not undo them (a failed replay loses the dead letter). Give it "
                + "a registry or manager: new InMemoryDeadLetterStore(registry).";
    }
}
