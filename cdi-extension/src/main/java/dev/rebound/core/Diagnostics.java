package dev.rebound.core;

/**
 * Every message Rebound's core and extension log or throw, numbered so that they can be searched for:
 * {@code REBOUND-1xxx} at run time, {@code REBOUND-2xxx} at deployment.
 */
public final class Diagnostics {

    private Diagnostics() {
    }

    /** Log format: message id, channel, attempt, failure, delay in ms. */
    public static final String RETRYING = "REBOUND-1014: Message {0} on channel {1} failed on attempt {2} ({3}); "
            + "retrying in {4} ms";

    /** Log format: message id, channel, attempt, failure, target channel. */
    public static final String RETRIES_EXHAUSTED = "REBOUND-1015: Message {0} on channel {1} failed on attempt {2} "
            + "({3}); no retries left, it goes to channel {4}";

    /** Log format: message id, origin, attempt, failure, retry number, retries. */
    public static final String INSTANT_RETRY = "REBOUND-1031: Message {0} from {1} failed on attempt {2} ({3}); "
            + "retrying at once (retry {4} of {5})";

    /** Log format: message id, where (origin or channel), attempt, failure, retry number, retries, delay in ms. */
    public static final String OPTIMISTIC_LOCK_RETRY = "REBOUND-1050: Message {0} from {1} failed on attempt {2} "
            + "with an optimistic-lock conflict ({3}); retrying in a new transaction in {6} ms (retry {4} of {5})";

    /** Log format: message id, where, attempts, failure, retries. */
    public static final String OPTIMISTIC_LOCK_EXHAUSTED = "REBOUND-1051: Message {0} from {1} still met an "
            + "optimistic-lock conflict after {2} attempt(s) ({3}); {4} optimistic-lock retries used, the failure "
            + "goes on as any other";

    /** Log format: message id, channel, attempt, failure, delay in ms. */
    public static final String OPTIMISTIC_LOCK_REDELIVERY = "REBOUND-1052: Message {0} on channel {1} failed on "
            + "attempt {2} with an optimistic-lock conflict ({3}) in the transaction of the transport, which cannot be "
            + "retried inside it; rolled back, it comes back in {4} ms as its next attempt";

    /** Log format: message id, origin, attempts, failure, target channel. */
    public static final String CAPTURED = "REBOUND-1032: Message {0} from {1} failed after {2} attempt(s) ({3}); "
            + "it goes to channel {4}";

    /** Log format: message id, origin, attempts, failure, target channel. */
    public static final String CAPTURED_AND_RETHROWN = "REBOUND-1033: Message {0} from {1} failed after {2} "
            + "attempt(s) ({3}); it goes to channel {4}, and the failure is thrown to the caller, whose transaction "
            + "is marked rollback-only";

    /** Log format: message id, origin, attempt, failure. */
    public static final String UNRECOVERABLE_INSTANT = "REBOUND-1043: Message {0} from {1} failed on attempt {2} "
            + "({3}) with an exception that is never retried (abortOn, rebound.retry.abort-on); no instant retry";

    /** Log format: message id, channel, attempt, failure, target channel. */
    public static final String UNRECOVERABLE_DELAYED = "REBOUND-1044: Message {0} on channel {1} failed on attempt {2} "
            + "({3}) with an exception that is never retried (abortOn, rebound.retry.abort-on); no delayed retry, "
            + "it goes to channel {4}";

    /** Log format: message id, channel, attempt, failure, final failure strategy. */
    public static final String UNRECOVERABLE_FINAL = "REBOUND-1045: Message {0} on channel {1} failed on attempt {2} "
            + "({3}) with an exception that is never retried (abortOn, rebound.retry.abort-on); no delayed retry, "
            + "the final failure strategy {4} of the consumer applies";

    /**
     * Once per gateway method: retries are skipped because the attempt would run in the caller's transaction,
     * where a failed attempt's writes cannot be undone without undoing the caller's.
     */
    public static String retriesSkippedInCallerTransaction(String origin) {
        return "REBOUND-1030: " + origin + " has @InstantRetry but was called inside a transaction that its "
                + "attempt joins: it runs once, without retries (a failed attempt dooms the caller's transaction, "
                + "so a retry could only return a result that is rolled back later). A failure goes to the error "
                + "channel, if any, and is thrown to the caller when its transaction can only roll back. Retries "
                + "run when the caller has no transaction, or with @Transactional(REQUIRES_NEW) on the gateway "
                + "(each attempt in a transaction of its own).";
    }

    public static String payloadTypeLookupsExhausted(int limit) {
        return "REBOUND-1034: " + limit + " distinct payload type names that are not handler payload types were "
                + "looked up; further unknown names are refused without a class lookup (a producer sending "
                + "arbitrary type names must not grow memory). Messages naming them are poison messages.";
    }

    public static String nullPayload(HandlerKind kind) {
        return "REBOUND-1001: Cannot send a null " + kind.noun() + "; pass the " + kind.noun() + " object.";
    }

    public static String noHandler(HandlerKind kind, String what) {
        return "REBOUND-1002: No " + kind.noun() + " handler accepts " + what + ". Add a method annotated @"
                + kind.annotation() + " whose first parameter accepts it, on a CDI bean.";
    }

    public static String payloadTypeNotAllowed(String type) {
        return "REBOUND-1003: Stored payload type " + type + " is not accepted by any handler; a dead letter is "
                + "only read back into types that a handler accepts.";
    }

    public static String deadLetterNotFound(Object id) {
        return "REBOUND-1004: No dead letter with message id " + id + ".";
    }

    public static String transactionRequired(String origin) {
        return "REBOUND-1005: " + origin + " is @Transactional(MANDATORY) but was called without a transaction.";
    }

    public static String transactionForbidden(String origin) {
        return "REBOUND-1006: " + origin + " is @Transactional(NEVER) but was called inside a transaction.";
    }

    public static String payloadNotSerializable(String type, Throwable cause) {
        return "REBOUND-1007: The payload of type " + type + " could not be written as JSON (" + cause
                + "); the dead letter keeps the error but no body, so it cannot be replayed.";
    }

    public static String unreadableBody(String type, Throwable cause) {
        return "REBOUND-1008: The stored body of type " + type + " could not be read (" + cause + ").";
    }

    public static String notAnErrorMessage(String channel, Object payload) {
        return "REBOUND-1009: Channel " + channel + " accepts only ErrorMessage payloads, got "
                + payload.getClass().getName() + ".";
    }

    public static String unknownChannel(String channel) {
        return "REBOUND-1010: No channel named '" + channel + "'.";
    }

    public static String deadLetterNotStored(Object id) {
        return "REBOUND-1011: Could not store dead letter " + id + ".";
    }

    public static String replayFailed(Object id, Throwable failure) {
        return "REBOUND-1012: Replay of dead letter " + id + " failed again: " + failure;
    }

    public static String storeFailed(Throwable failure) {
        return "REBOUND-1013: Dead letter store failed: " + failure;
    }

    public static String unreadableHeaders(Object id) {
        return "REBOUND-1016: The stored headers of dead letter " + id + " are not Rebound's message headers (a "
                + "message that could not be read keeps its raw properties instead); it cannot be replayed as stored.";
    }

    public static String deadLetterGone(Object id) {
        return "REBOUND-1017: Dead letter " + id + " was replayed or deleted meanwhile (another replay or an operator "
                + "claimed it first); its handler was not run again.";
    }

    public static String replayFailureNotStored(Object id, Throwable failure) {
        return "REBOUND-1018: Replay of dead letter " + id + " failed again (" + failure + ") and the new failure "
                + "could not be recorded; the dead letter is kept unchanged. The replay's failure is attached as "
                + "suppressed.";
    }

    public static String errorChannelOnHandler(String annotation, String method) {
        return "REBOUND-2001: @" + annotation + " on handler " + method + " has no effect there: a failure must "
                + "be captured at the entry point, after the handler's transaction is rolled back. Put @"
                + annotation + " on the gateway interface that sends the message (e.g. interface "
                + "ResilientCommandBus extends CommandBus).";
    }

    public static String unknownErrorChannel(String where, String channel, Iterable<String> known) {
        return "REBOUND-2002: " + where + " names error channel '" + channel + "', which does not exist. "
                + "Known channels: " + String.join(", ", known) + ". Use one of them, add an "
                + "@InternalHandler(\"" + channel + "\") method, or, for a queue without a handler in this "
                + "application, list it in rebound.channels.";
    }

    public static String duplicateHandler(HandlerKind kind, String route, String first, String second) {
        return "REBOUND-2003: Two " + kind.noun() + " handlers claim " + route + ": " + first + " and " + second
                + ". A " + kind.noun() + " has exactly one handler; remove one or give it another routing key.";
    }

    public static String noPayloadParameter(String method) {
        return "REBOUND-2004: Handler " + method + " has no payload parameter. Its first parameter must be the "
                + "message payload (the command, event, query or ErrorMessage).";
    }

    public static String negativeMaxRetries(String where, int value) {
        return "REBOUND-2005: " + where + " has @InstantRetry(maxRetries = " + value + "); maxRetries must be 0 "
                + "or more.";
    }

    public static String unsupportedParameter(String method, int index) {
        return "REBOUND-2006: Parameter " + index + " of handler " + method + " cannot be supplied. After the "
                + "payload, parameters must be @Header(\"name\") String, Message, MessageHeaders or Attempt.";
    }

    public static String notBusinessMethod(String method) {
        return "REBOUND-2007: Method " + method + " of a @MessageGateway interface has no @BusinessMethod. "
                + "Annotate it with @BusinessMethod(\"routing.key\") or make it a default method.";
    }

    public static String privateHandler(String method) {
        return "REBOUND-2008: Handler " + method + " is private; CDI cannot call it through the bean's "
                + "proxy. Make it public or package-private.";
    }

    /** @param jndiNames the names the lookup tried ({@code Transactions.MANAGER_NAMES}), so that they cannot drift */
    public static String missingTransactionManager(String why, java.util.List<String> jndiNames) {
        return "REBOUND-2009: " + why + " needs a JTA TransactionManager, but none was found as a CDI bean nor in "
                + "JNDI (" + String.join(", ", jndiNames) + ").";
    }

    public static String missingDeadLetterStore(String why) {
        return "REBOUND-2010: " + why + " uses the '" + dev.rebound.Channels.DEAD_LETTER + "' channel, which "
                + "needs an EntityManager bean (e.g. @Produces @PersistenceContext EntityManager) whose persistence "
                + "unit lists <mapping-file>META-INF/rebound-orm.xml</mapping-file> (it maps "
                + "dev.rebound.deadletter.DeadLetterEntity), or a DeadLetterStore bean.";
    }

    public static String badConfigValue(String key, String value, String expected) {
        return "REBOUND-2011: Config property " + key + "=" + value + " is not valid: expected " + expected + ".";
    }

    /** A key under a name that Rebound no longer reads (renamed before the first release; issue 12). */
    public static String renamedKey(String former, String current) {
        return "REBOUND-2140: Config property " + former + " is no longer read: it is now " + current
                + " (same meaning). Rename the property; deployment fails rather than ignore the setting.";
    }

    public static String delayedRetryWithoutQueue(String where) {
        return "REBOUND-2013: " + where + " asks for delayed retries, but its messages do not come from a queue "
                + "to retry into. Use @InstantRetry, or name an asynchronous channel with @ErrorChannel, or make the "
                + "handler @Asynchronous.";
    }

    public static String delayedRetryWithErrorChannel(String where) {
        return "REBOUND-2014: " + where + " has both @DelayedRetry and @ErrorChannel; they are alternatives. Keep "
                + "@ErrorChannel to use a channel configured elsewhere (ErrorHandlerConfiguration), or @DelayedRetry "
                + "for a policy of its own.";
    }

    public static String asynchronousNotAllowed(String method, HandlerKind kind) {
        return "REBOUND-2015: @Asynchronous on " + kind.noun() + " handler " + method + ": only command and event "
                + "handlers can run asynchronously (a query's caller waits for its answer).";
    }

    public static String noTransport(String channel) {
        return "REBOUND-2016: Channel '" + channel + "' is asynchronous, but no transport is on the class path. "
                + "Add the rebound-jms-adapter jar to the application.";
    }

    public static String transportUnloadable(String why) {
        return "REBOUND-2030: A transport on the class path cannot be loaded: " + why;
    }

    public static String severalTransports(String channel, java.util.Collection<String> transports, String property) {
        return "REBOUND-2031: Channel '" + channel + "' is asynchronous and several transports are on "
                + "the class path (" + String.join(", ", transports) + "): set " + property
                + " to one of them.";
    }

    public static String unknownTransport(String channel, String named, String property,
                                          java.util.Collection<String> transports) {
        return "REBOUND-2032: Channel '" + channel + "' names transport '" + named + "' (" + property
                + "), which is not on the class path. Transports on the class path: "
                + String.join(", ", transports) + ".";
    }

    public static String duplicateTransportName(String name, String firstClass, String secondClass) {
        return "REBOUND-2033: Two transports on the class path are named '" + name + "': "
                + firstClass + " and " + secondClass + ". Remove one of their "
                + "jars; a channel chooses its transport by name (rebound.channel.<name>.transport).";
    }

    /** @param capability the capability it lacks; {@code property} the channel's transport setting */
    public static String noDelayedDelivery(String where, String channel, String transport, Object capability,
                                           String property) {
        return "REBOUND-2034: " + where + " retries failed messages of channel '" + channel + "' with a delay, but "
                + "its transport '" + transport + "' cannot deliver a message later (it lacks "
                + capability + "). Carry the channel on a transport that can (" + property + "), or retry at once "
                + "with @InstantRetry.";
    }

    public static String badOrderingKey(String property, String value) {
        return "REBOUND-2180: " + property + "=" + value + " is not valid: header:<name> (a header or a metadata "
                + "entry of the message) or payload:<property> (of the payload) is expected";
    }

    public static String orderingKeyWithoutPayloadTypes(String property, String value, String channel) {
        return "REBOUND-2181: " + property + "=" + value + ", but no handler consumes channel '" + channel
                + "' (nor the channel it relays to), so its payload types are not known at deployment: take the "
                + "key from a header (header:<name>)";
    }

    public static String unknownOrderingProperty(String property, String value, String type, String name) {
        return "REBOUND-2182: " + property + "=" + value + ", but the payload type " + type + " of the channel has "
                + "no property " + name + " (a record component, a public method " + name + "() or get...(), or a "
                + "public field)";
    }

    public static String unorderedTransport(String channel, String transport, Object capability, String property) {
        return "REBOUND-2183: Channel '" + channel + "' keeps per-key order (" + property + "), but its transport '"
                + transport + "' cannot (it lacks " + capability + "): carry the channel on a transport that can "
                + "(rebound.channel." + channel + ".transport=database or jms), or remove " + property;
    }

    public static String queueBeforeDeployment(String channel) {
        return "REBOUND-2170: A transport asked for the queue channel '" + channel + "' before deployment chose the "
                + "transports: TransportContext.queueChannel is for after deployment (when consumers start, or on first use)";
    }

    public static String outboxNotDatabase(String property, String outbox, String transport) {
        return "REBOUND-2171: " + property + "=" + outbox + ", but channel '" + outbox + "' is "
                + (transport == null ? "not an asynchronous channel (list it in rebound.channels)"
                        : "carried by transport " + transport) + ": an outbox is a channel of the database transport "
                + "(rebound.channel." + outbox + ".transport=database)";
    }

    public static String outboxNotRelaying(String property, String outbox, String relayProperty, String relaysTo,
                                           String channel) {
        return "REBOUND-2172: " + property + "=" + outbox + ", but " + relayProperty + "="
                + (relaysTo == null ? "(not set)" : relaysTo) + ": the outbox must relay to " + channel
                + ", or its messages would never reach it";
    }

    public static String outboxCycle(String property, String outbox, String channel) {
        return "REBOUND-2173: " + property + "=" + outbox + " makes a cycle: channel " + channel + " is a database "
                + "channel itself or the outbox " + outbox + " has an outbox of its own; an outbox relays to a channel "
                + "of another transport (a broker's queue)";
    }

    public static String notAsynchronous(String channel, java.util.Set<String> asynchronous) {
        return "REBOUND-2070: Channel '" + channel + "' has no consumers: it is not an asynchronous channel. "
                + "Asynchronous channels: " + (asynchronous.isEmpty() ? "none" : String.join(", ", asynchronous))
                + ".";
    }

    /** The JSON payload codec every transport may use: a type no handler accepts (3002), a body not its JSON. */
    public static String payloadTypeNotAccepted(String typeName) {
        return "REBOUND-3002: Payload type " + typeName + " is not accepted by any handler.";
    }

    public static String notJson(String typeName, Object cause) {
        return "REBOUND-3003: Body is not valid JSON for " + typeName + ": " + cause;
    }

    public static String emptyBody(String typeName) {
        return "REBOUND-3003: Body is empty or null for " + typeName + ".";
    }

    public static String noStatus(String transport, String channel) {
        return "REBOUND-2074: Transport " + transport + " gives no status for its channel '" + channel + "'.";
    }

    public static String badDelayedRetry(String where, String problem) {
        return "REBOUND-2018: @DelayedRetry on " + where + " is not valid: " + problem + ".";
    }

    public static String foreignAsynchronous(String annotation, String where) {
        return "REBOUND-2019: @" + annotation + " on handler " + where + " is not Rebound's: the container would "
                + "run the handler on another thread and its failure would be lost (no retry, no error channel, no "
                + "dead letter). Use @dev.rebound.Asynchronous(\"channel\") to run the handler from a queue, or "
                + "remove the annotation.";
    }

    public static String businessMethodWithoutPayload(String method) {
        return "REBOUND-2012: @BusinessMethod " + method + " has no payload parameter: its first parameter "
                + "without @Header is sent as the payload.";
    }

    public static String interceptorLostMessage(String interceptor, String channel) {
        return "REBOUND-1040: Message interceptor " + interceptor + " returned null from beforeSend for channel "
                + channel + "; it must return the message to send. Nothing was sent.";
    }

    public static String interceptorSkippedHandler(String interceptor, String handler) {
        return "REBOUND-1041: Message interceptor " + interceptor + " returned from aroundHandle without calling "
                + "proceed(), so handler " + handler + " did not run; the message fails as if the handler had.";
    }

    public static String interceptorProceededTwice(String handler) {
        return "REBOUND-1042: A message interceptor called proceed() twice around handler " + handler
                + "; the handler runs once per call (a retry is @InstantRetry's or @DelayedRetry's).";
    }

    public static String interceptorLostDeadLetter(String interceptor, Object messageId, String handler) {
        return "REBOUND-1090: Message interceptor " + interceptor + " returned null or a message of another id from "
                + "deadLettering for message " + messageId + " of handler " + handler + "; it must return the message "
                + "to store. The dead letter is stored as it was before that interceptor.";
    }

    public static String observerFailed(String observer, Throwable failure) {
        return "REBOUND-4004: Message observer " + observer + " failed (" + failure + "); the message is not affected.";
    }

    public static String bulkReplayFailed(Object id, Throwable failure) {
        return "REBOUND-4005: Bulk replay " + id + " stopped: " + failure;
    }

    public static String canaryFailed(Object id, Object messageId) {
        return "REBOUND-4006: Bulk replay " + id + " stopped: its canary, dead letter " + messageId
                + ", failed again; the cause does not look fixed. Nothing else was replayed.";
    }

    public static String badPageSize(int limit) {
        return "REBOUND-4007: A page holds 1 to 1000 dead letters, not " + limit + ".";
    }

    public static String bulkReplayRunning(Object running, Object filter) {
        return "REBOUND-4008: Bulk replay " + running + " of the same selection (" + filter + ") is running; wait "
                + "for it to finish or cancel it before starting another.";
    }

    public static String bulkReplayStopped(Object id) {
        return "REBOUND-4009: Bulk replay " + id + " cancelled: the application is stopping. Start it again to "
                + "replay the rest.";
    }

    public static String replayBatchFailed(int size, Object deadLetterId, Throwable failure) {
        return "REBOUND-4115: A replay batch of " + size + " dead letters rolled back" + (deadLetterId == null
                ? " at its commit" : ": the handler of dead letter " + deadLetterId + " failed") + " (" + failure
                + "); its messages are replayed again, the failing one alone, so that it does not undo the others.";
    }

    public static String replayBatchNotClaimed(int size, String owner) {
        return "REBOUND-4116: A replay batch of " + size + " dead letters claimed as " + owner + " rolled back: not "
                + "all of them were still its (replayed or deleted meanwhile, or its lease ended and another replay "
                + "took them); each is replayed alone, and those no longer its are skipped.";
    }

    public static String requeueFailed(Object deadLetterId, String channel, Throwable failure) {
        return "REBOUND-4117: Dead letter " + deadLetterId + " could not be put back on the queue of channel "
                + channel + " (" + failure + "); it stays a dead letter with this failure recorded.";
    }

    public static String badNodeName(String value) {
        return "REBOUND-2190: Config property rebound.node=" + value + " is not valid: a node's name is 1 to 100 "
                + "characters without '/'.";
    }

    public static String badHeartbeat(String key, String value, long min, long max) {
        return "REBOUND-2049: Config property " + key + "=" + value + " is not valid: expected a whole number of "
                + "milliseconds from " + min + " to " + max + " (the node registry's heartbeat interval; a node not "
                + "heard from in 3 of them is shown as not seen).";
    }

    public static String nodeRegistryOff(String node) {
        return "REBOUND-2196: The node registry is off: there is no database (no EntityManager bean or no JTA "
                + "transaction manager). Node " + node + " lists only itself; its dashboard shows this node's "
                + "consumers only.";
    }

    public static String heartbeatFailed(String node, Throwable failure) {
        return "REBOUND-2197: Node " + node + " could not write its heartbeat to rebound_node (" + failure + "); "
                + "tried again every interval (logged once until it succeeds). Meanwhile the other nodes show it as "
                + "not seen. Is the table there (schema version 9)?";
    }

    public static String heartbeatBack(String node) {
        return "REBOUND-2198: Node " + node + " writes its heartbeat to rebound_node again.";
    }

    public static String nodeRegistryUnreadable(Throwable failure) {
        return "REBOUND-2199: The node registry rebound_node could not be read (" + failure + "); listing this node "
                + "only (logged once until it can be read).";
    }

    public static String nodeNameInUse(String node, java.time.Instant heartbeatAt, java.time.Instant startedAt) {
        return "REBOUND-2050: Node " + node + " found its name heartbeating in rebound_node at " + heartbeatAt
                + " by a node started at " + startedAt + ": another process has the same rebound.node (give each "
                + "its own), or this node restarted right after dying. It goes on and takes the row over.";
    }

    public static String nodesPurged(int count, java.time.Duration retention) {
        return "REBOUND-2051: Deleted " + count + " rows of rebound_node of nodes not heard from for " + retention
                + ".";
    }

    public static String appliedEverywhere(String node, String channel, boolean paused, String by,
                                           java.time.Instant at) {
        return "REBOUND-2053: Node " + node + " " + (paused ? "paused" : "resumed") + " the consumers of channel "
                + channel + ": " + (paused ? "paused" : "resumed") + " on every node by node " + by + " at " + at + ".";
    }

    public static String noRegistryForEverywhere(String channel, boolean pause) {
        return "REBOUND-2054: Cannot " + (pause ? "pause" : "resume") + " channel " + channel + " on every node: the "
                + "node registry is off (no database, REBOUND-2196). " + (pause ? "Pause" : "Resume") + " it on each "
                + "node (Consumers." + (pause ? "pause" : "resume") + ").";
    }

    public static String nodeStopNotRecorded(String node, Throwable failure) {
        return "REBOUND-2052: Node " + node + " could not mark itself stopped in rebound_node (" + failure + "); "
                + "the other nodes show it as not seen once its heartbeat is 3 intervals old.";
    }

    public static String badSchemaMode(String value) {
        return "REBOUND-2090: Config property rebound.schema=" + value + " is not valid: expected none, validate or "
                + "create.";
    }

    /**
     * @param setting {@code validate}, or {@code create} when something is still missing after the shipped
     *        migrations ran (e.g. a column dropped by hand from a table at the last version, which no migration adds)
     */
    public static String schemaIncomplete(String setting, java.util.List<String> missing) {
        return "REBOUND-2091: rebound.schema=" + setting + ": the dead letter store's database lacks "
                + String.join(", ", missing) + ("create".equals(setting)
                        ? " after the shipped migrations ran (a table already at their last version is not changed). "
                                + "Add what is missing by hand, or drop the table to have it created again."
                        : ". Run the shipped migrations (db/rebound/<database>/ with Flyway, "
                                + "db/rebound/changelog.xml with Liquibase, or "
                                + "dev.rebound.deadletter.ReboundSchema.create), or set rebound.schema=create.");
    }

    public static String unsupportedSchemaDatabase(String database, java.util.List<String> shipped) {
        return "REBOUND-2092: Rebound ships no DDL for database '" + database + "' (it has " + shipped
                + "): create the table rebound_dead_letter from one of them.";
    }

    public static String schemaUnreachable(String mode, String why) {
        return "REBOUND-2093: rebound.schema=" + mode + " needs a JDBC connection of the dead letter store's "
                + "EntityManager, and " + why + ".";
    }

    public static String schemaCreated(String database) {
        return "REBOUND-2094: rebound.schema=create: applied the shipped " + database + " migrations "
                + "(db/rebound/" + database + "/) that the dead letter table lacked.";
    }

    public static String deadLetterCountsNotKept(String table) {
        return "REBOUND-2095: This PostgreSQL schema does not keep the numbers of dead letters (" + table
                + " and its triggers on rebound_dead_letter, schema version 10, are missing or disabled): "
                + "DeadLetters.count(), stats() and groups() count every dead letter, which takes long on a large "
                + "table. Apply version 10 (rebound.schema=create, Flyway or Liquibase) to read the kept numbers.";
    }

    public static String deadLetterCountsDrifted(String table, String fingerprint) {
        return "REBOUND-2096: " + table + " counts dead letters of failure group " + fingerprint + " that "
                + "rebound_dead_letter does not hold (written with its triggers off, e.g. under "
                + "session_replication_role = replica): groups are counted from the dead letters themselves until "
                + "the numbers are counted anew (DELETE FROM " + table + ", then the last statement of "
                + "db/rebound/postgresql/V10__rebound_dead_letter_count.sql).";
    }

    public static String unknownSchemaVersion(int version, int latest) {
        return "REBOUND-2120: Rebound's schema has versions 1 to " + latest + ", not " + version + ".";
    }

    public static String migrationFailed(String migration, int statement, String why) {
        return "REBOUND-2121: Statement " + statement + " of the shipped migration " + migration + " failed: "
                + (why != null && why.endsWith(".") ? why.substring(0, why.length() - 1) : why)
                + ". ReboundSchema.missing (rebound.schema=validate) names what the table still lacks.";
    }

    public static String migrationAppliedMeanwhile(String migration) {
        return "REBOUND-2055: The shipped migration " + migration + " was applied by another process meanwhile (several"
                + " nodes creating the schema at once); going on with the migrations still pending.";
    }

    public static String unknownAbortOn(String key, String value, String name) {
        return "REBOUND-2080: " + key + "=" + value + " names " + name + ", which is not an exception class the "
                + "application can load; list fully qualified names of Throwable subclasses, comma separated"
                + (key.equals(Unrecoverable.ABORT_ON) ? ", or none." : ".");
    }

    public static String badOptimisticLockSetting(String key, String value, String expected) {
        return "REBOUND-2100: Config property " + key + "=" + value + " is not valid: expected " + expected + ".";
    }

    public static String optimisticLockDelays(long initialDelayMs, long maxDelayMs) {
        return "REBOUND-2101: " + OptimisticLockRetry.INITIAL_DELAY_MS + "=" + initialDelayMs + " is more than "
                + OptimisticLockRetry.MAX_DELAY_MS + "=" + maxDelayMs + "; the first pause cannot exceed the longest.";
    }

    /** Logged once per entry point: it joins a caller's transaction, in which a conflict cannot be retried. */
    public static String optimisticLockInCallerTransaction(String origin) {
        return "REBOUND-1053: " + origin + " was called inside a transaction that its attempt joins: an "
                + "optimistic-lock conflict in it is not retried (the caller's transaction is doomed), it "
                + "propagates to the caller at once. This is noted once per entry point.";
    }

    // deduplication (@Deduplicated): run time 1070-1079, deployment 2040-2049

    /** Log format (once per duplicate): message id, scope, where (origin or channel). */
    public static final String DUPLICATE = "REBOUND-1070: Message {0} is a duplicate for {1} (its key was handled "
            + "already, within rebound.deduplication.retention): acknowledged without calling the handler ({2})";

    public static String deduplicationWithoutTransaction(String scope, String origin) {
        return "REBOUND-1071: " + scope + " is @Deduplicated but was reached from " + origin + " without an active "
                + "JTA transaction: its key can only be claimed in the transaction of the handler's work. Make the "
                + "entry point @Transactional, or the handler @Asynchronous.";
    }

    public static String deduplicationKeyMissing(String scope, String key, java.util.UUID messageId) {
        return "REBOUND-1072: Message " + messageId + " has no deduplication key for " + scope + ": " + key
                + " is absent or empty. It is not handled (a message without its key can be neither told a "
                + "duplicate nor recorded); it fails as any other failure.";
    }

    public static String deduplicationExpressionFailed(String scope, String expression, Throwable failure) {
        return "REBOUND-1073: The deduplication expression " + expression + " of " + scope + " failed: " + failure
                + ". The message is not handled; it fails as any other failure.";
    }

    public static String deduplicationCleanupFailed(Throwable failure) {
        return "REBOUND-1074: Removing expired deduplication keys failed (" + failure + "); retried at the next "
                + "cleanup.";
    }

    public static String deduplicationCleaned(long removed, int batches) {
        return "REBOUND-1075: Removed " + removed + " expired deduplication key(s) in " + batches + " batch(es).";
    }

    public static String deduplicationRace(String scope, java.util.UUID messageId) {
        return "REBOUND-1076: Message " + messageId + " for " + scope + ": another transaction claimed the same key "
                + "at the same moment and the database refused the second insert; this attempt is rolled back and "
                + "retried as an optimistic-lock conflict, and the retry finds the key if the other committed.";
    }

    public static String deduplicationKeySpec(String where, String why) {
        return "REBOUND-2040: @Deduplicated on " + where + " " + why;
    }

    public static String deduplicationExpressionSyntax(String where, String expression, String why) {
        return "REBOUND-2041: @Deduplicated on " + where + ": the expression " + expression + " cannot be parsed: "
                + why;
    }

    public static String deduplicationWithoutExpressionLanguage(String where, String expression) {
        return "REBOUND-2042: @Deduplicated on " + where + " has the expression " + expression + ", but Jakarta "
                + "Expression Language is not available at run time (no jakarta.el.ExpressionFactory "
                + "implementation). A Jakarta EE server has one; stand-alone, add one (e.g. org.glassfish.expressly:"
                + "expressly), or key on a header instead.";
    }

    public static String deduplicationWithoutDatabase(String where, String missing) {
        return "REBOUND-2043: @Deduplicated on " + where + " needs " + missing + ": the key is written in the "
                + "transaction of the handler's work, through the application's JTA EntityManager, into the table "
                + "rebound_dedup.";
    }

    public static String deduplicatedGateway(String where, String why) {
        return "REBOUND-2044: @Deduplicated on the gateway method " + where + " " + why;
    }

    public static String badDeduplicationSetting(String key, String value, String expected) {
        return "REBOUND-2045: Config property " + key + "=" + value + " is not valid: expected " + expected + ".";
    }

    public static String retentionShorterThanRetries(String retention, String where, String horizon,
                                                     String policy) {
        return "REBOUND-2046: rebound.deduplication.retention=" + retention + " is shorter than the time a copy of a "
                + "message can still arrive for " + where + ": its delayed retries (" + policy + ") may re-send it "
                + "up to " + horizon + " after the first attempt, when its key would be gone and the handler would "
                + "run twice. Make the retention at least that long, or the retries shorter.";
    }

    public static String retentionWithUnlimitedRetries(String where, String policy) {
        return "REBOUND-2047: " + where + " is @Deduplicated and its delayed retries (" + policy + ") are unlimited: "
                + "a copy can arrive after any retention. Set rebound.deduplication.retention explicitly (keys "
                + "older than it are forgotten), or limit maxRetries.";
    }

    public static String deduplicatedQuery(String where) {
        return "REBOUND-2048: @Deduplicated on the query handler " + where + ": a duplicate query would return null "
                + "instead of its answer. Queries read; deduplicate the commands that write.";
    }
}
