package dev.rebound.jms;

import dev.rebound.ErrorMessage;
import dev.rebound.ReboundException;
import dev.rebound.jms.Decision.Kind;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.Inbound;
import dev.rebound.spi.Outcome;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.transaction.HeuristicCommitException;
import jakarta.transaction.HeuristicMixedException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One consumer thread of a channel. Each message is received, handled and acknowledged as one unit of work
 * (see {@link ConsumerSession}): a retry's re-send, a forward and a dead letter commit together with the
 * acknowledgement; if anything fails before the commit, or the process dies, the broker delivers the message
 * again. When the handler runs inside the unit's JTA transaction, a failure rolls the unit back first (the
 * handler's database work goes, the message returns to the queue); the failure is routed with no transaction
 * active and the decision is carried out in the unit of the redelivery ({@link PendingOutcomes}).
 *
 * <p>Carrying a decision out never throws: a failure (the broker refuses the send, the dead letter store is
 * down, the commit fails) rolls the unit back on this thread, keeps the decision for the redelivery, so that the
 * handler does not run again, and backs off. Rebound, not the broker, decides a message's fate: a message
 * delivered {@code rebound.jms.max-deliveries} times is stored as a dead letter without running its handler.
 * A failure that cannot be handed to its channel sends back, instead of the message, a copy that only routes the
 * failure (its handler never runs), with a growing delay, until the store is back.
 */
final class JmsConsumer implements Runnable {

    private static final Logger LOG = Logger.getLogger(JmsConsumer.class.getName());

    private final JmsChannel channel;
    private final Map<String, JmsChannel> channels;
    private final Supplier<ConsumerSession> sessions;
    private final WireFormat wire;
    private final Inbound inbound;
    private final JmsSettings settings;
    private final ConsumerGroup group;
    private final PendingOutcomes pending;
    /** Several nodes: the decisions announced to and by the others; {@code null} when not shared. */
    private final SharedDecisions shared;
    /** Several nodes: the decisions kept in the database ({@code rebound_decision}); {@code null} when not. */
    private final StoredDecisions stored;
    /** Failures of this thread in a row: the first is logged with its stack trace, and each pauses longer. */
    private int failuresInARow;
    /** The root cause whose stack trace this thread logged last, and when. */
    private String lastLogged;
    private long lastLoggedAt;
    private static final long STACK_AGAIN_AFTER_NANOS = 10L * 60 * 1_000_000_000;

    JmsConsumer(JmsChannel channel, Map<String, JmsChannel> channels, Supplier<ConsumerSession> sessions,
                WireFormat wire, Inbound inbound, JmsSettings settings, ConsumerGroup group,
                PendingOutcomes pending, SharedDecisions shared, StoredDecisions stored) {
        this.channel = channel;
        this.channels = channels;
        this.sessions = sessions;
        this.wire = wire;
        this.inbound = inbound;
        this.settings = settings;
        this.group = group;
        this.pending = pending;
        this.shared = shared;
        this.stored = stored;
    }

    /**
     * Receives until the group stops. A failure of the session, or anything the message's processing throws,
     * closes the session (no transaction is left on the thread) and the consumer starts over after the failure
     * pause; also after an {@link Error}, so that the channel keeps its consumers. Only a
     * {@link VirtualMachineError} ends the thread. The group's member hears of each, for the channel's status.
     */
    @Override
    public void run() {
        ConsumerGroup.Member self = group.member();
        while (group.running()) {
            try (ConsumerSession session = sessions.get()) {
                group.opened(session);
                try {
                    while (group.running()) {
                        Message message = session.receive(settings.receiveTimeoutMs());
                        if (message != null) {
                            process(session, message);
                        }
                        self.consuming();    // after the message: failing on each one is no recovery
                    }
                } catch (Throwable failure) {
                    session.rollback();
                    throw failure;
                } finally {
                    group.closed(session);
                }
            } catch (VirtualMachineError fatal) {
                self.died(fatal);            // logged there; the thread ends, the JVM may be unusable
                return;
            } catch (Error e) {
                if (group.running()) {
                    self.restarting(e, settings.failurePauseMs());
                    pause(settings.failurePauseMs());
                }
            } catch (Exception e) {
                if (group.running()) {
                    self.failed(e);
                    failed(JmsDiagnostics.reconnecting(channel.name()), e);
                }
            }
        }
    }

    private void process(ConsumerSession session, Message message) {
        Envelope envelope;
        try {
            envelope = wire.decode(message);
        } catch (PoisonMessageException unreadable) {
            keepPoison(session, message, unreadable.getMessage());
            return;
        }
        boolean joined = session.handlerJoins();
        String copyFor = failureChannel(message);
        String key = null;
        Decision decision = null;
        int deliveries = WireFormat.deliveryCount(message);
        if (joined || copyFor != null || !pending.isEmpty()) {
            key = key(message, envelope);
            decision = waiting(key, joined, deliveries);
        }
        if (stored != null && joined && deliveries > 1) {
            // the failure of an earlier delivery may have been decided by another node: its row, deleted in this unit
            Decision kept = stored.take(session, StoredDecisions.key(envelope, key), envelope, channel.name());
            if (decision == null) {
                decision = kept;
            }
        }
        if (decision == null && copyFor != null) {
            decision = carried(message, copyFor);
        }
        Decision released = null;            // RELEASE keeps only its failure, for the delivery limit's reason
        if (decision != null && decision.kind() == Kind.RELEASE) {
            released = decision;
            decision = null;
        }
        if (deliveries >= settings.maxDeliveries() && (decision == null || needsSend(decision))) {
            decision = deliveryLimit(envelope, deliveries, decision != null ? decision : released);
        }
        if (decision != null) {
            if (settle(session, message, envelope, key, decision) && shared != null && key != null) {
                shared.settled(key);         // the other nodes forget the decision they were told of
            }
        } else if (joined) {
            handleInUnit(session, message, envelope, key);
        } else {
            handleLocally(session, message, envelope);
        }
    }

    /** The handler runs in the unit's transaction; a failure, also of the commit, rolls everything back. */
    private void handleInUnit(ConsumerSession session, Message message, Envelope envelope, String key) {
        Inbound.Attempt attempt = inbound.attempt(channel.name(), envelope);
        try {
            attempt.runInUnit();
            session.commit();
            succeeded();
            return;
        } catch (Throwable failure) {
            if (!group.running()) {
                session.rollback();          // stopping: the message goes back to the queue as it is
                return;
            }
            if (resourceLost(failure)) {
                // the handler's work is rolled back and the message was not acknowledged: the broker gives it again
                // once the session is back; a broker or database going away is not the message's failure
                session.rollback();
                throw (UnitCommitException) failure;
            }
            if (connectionLost(failure)) {
                // the handler could not reach its database: not the message's failure either; it goes back to
                // the queue as it was (another node may take it) and this consumer backs off
                session.rollback();
                throw new ConnectionLostException(JmsDiagnostics.connectionLost(id(envelope), channel.name(),
                        dev.rebound.Failure.rootCause(failure)), failure);
            }
            PendingOutcomes.Entry routed = pending.routing(key);
            // several nodes, the table: the row is there (and held while deciding) before the redelivery can come
            DecisionTable.Routing row = stored != null
                    ? stored.route(session, StoredDecisions.key(envelope, key), envelope) : null;
            try {
                session.rollback();
                if (shared != null) {
                    shared.routing(key);     // a node that gets the redelivery waits for the decision
                }
                routeFailure(session, message, envelope, key, attempt, failure, routed, row);
            } finally {
                if (row != null) {
                    row.close();             // not decided (an Error): the row is left routing, as by a node that died
                }
            }
        }
    }

    /** Decides about the failure of a handler that ran in the unit, rolled back now, and keeps the decision. */
    private void routeFailure(ConsumerSession session, Message message, Envelope envelope, String key,
                              Inbound.Attempt attempt, Throwable failure, PendingOutcomes.Entry routed,
                              DecisionTable.Routing row) {
        Decision decision;
        try {
            decision = heuristic(failure) ? uncertain(envelope, attempt, failure)
                    : Decision.of(attempt.failed(unwrapCommit(failure)), unwrapCommit(failure),
                            attempt.handler());
        } catch (RuntimeException routing) {
            pending.forget(key);
            if (row != null) {
                stored.forget(row, envelope);
            }
            if (shared != null) {
                shared.settled(key);
            }
            failed(JmsDiagnostics.failureNotRouted(id(envelope), channel.name()), routing);
            return;
        }
        if (decision.kind() == Kind.RELEASE || decision.kind() == Kind.STOP) {
            pending.forget(key);
            if (row != null) {
                stored.forget(row, envelope);
            }
            if (shared != null) {
                shared.settled(key);
            }
            settle(session, message, envelope, key, decision);
        } else {
            if (row != null) {
                stored.decided(row, decision, envelope);    // committed before the memory's: see process
            }
            pending.decided(key, routed, decision);
            if (shared != null) {
                shared.decided(key, decision.kept());
            }
        }
    }

    /** The handler runs in a transaction of its own, ended before the decision is carried out. */
    private void handleLocally(ConsumerSession session, Message message, Envelope envelope) {
        Inbound.Attempt attempt = inbound.attempt(channel.name(), envelope);
        Decision decision;
        try {
            attempt.run();
            decision = Decision.ACK;
        } catch (Throwable failure) {
            if (!group.running()) {
                session.rollback();          // stopping (the handler may have been interrupted): it comes back
                return;
            }
            if (connectionLost(failure)) {
                session.rollback();          // its database unreachable: back to the queue as it was
                throw new ConnectionLostException(JmsDiagnostics.connectionLost(id(envelope), channel.name(),
                        dev.rebound.Failure.rootCause(failure)), failure);
            }
            decision = Decision.of(attempt.failed(failure), failure, attempt.handler());
        }
        settle(session, message, envelope, null, decision);
    }

    /** The next attempt, with the metadata Rebound's interceptors gave the forward (trace context), if any. */
    private static Envelope forwarded(Envelope envelope, Decision decision) {
        Envelope next = envelope.nextAttempt();
        Map<String, String> metadata = decision.metadata();
        if (metadata == null || metadata.equals(next.message().headers().metadata())) {
            return next;
        }
        dev.rebound.MessageHeaders h = next.message().headers();
        return new Envelope(new dev.rebound.Message(next.message().payload(), new dev.rebound.MessageHeaders(
                h.messageId(), h.correlationId(), h.causationId(), h.timestamp(), h.routingKey(), metadata)),
                next.handler(), next.kind(), next.attempt(), next.origin());
    }

    private Decision waiting(String key, boolean joined, int deliveries) {
        try {
            // joined: the failure is routed after the rollback, the redelivery may come first and waits for it
            long waitMs = joined ? settings.receiveTimeoutMs() + settings.failurePauseMs() : 0;
            if (joined && shared != null && deliveries > 1) {
                // several nodes: the failure may have been routed by another one, which announces it
                return pending.takeAnnounced(key, SharedDecisions.GRACE_MS, waitMs);
            }
            return pending.take(key, waitMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Whether the handler failed because it lost its connection to a database rather than because of the message:
     * a {@link java.sql.SQLException} whose SQLState is of class {@code 08} (connection exception: refused, broken,
     * failed at connect) or a {@link java.sql.SQLTransientConnectionException}, among the causes or what was
     * attached as suppressed (a JPA provider wraps them). A node cut from its database then leaves its messages on
     * the broker for the others instead of spending their attempts.
     */
    static boolean connectionLost(Throwable failure) {
        return connectionLostIn(failure, 0);
    }

    private static boolean connectionLostIn(Throwable t, int depth) {
        if (t == null || depth > 10) {
            return false;
        }
        if (t instanceof java.sql.SQLTransientConnectionException) {
            return true;
        }
        if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
            return true;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (connectionLostIn(suppressed, depth + 1)) {
                return true;
            }
        }
        return connectionLostIn(t.getCause(), depth + 1);
    }

    /** Decisions that need a send, which may be what keeps failing; the others settle without one. */
    private static boolean needsSend(Decision decision) {
        return decision.kind() == Kind.FORWARD || decision.kind() == Kind.RESEND;
    }

    /**
     * Carries the decision out and ends the unit; never throws (but an {@link Error}). A failure rolls the unit
     * back on this thread, keeps the decision for the message's redelivery and backs off.
     */
    private boolean settle(ConsumerSession session, Message message, Envelope envelope, String key,
                           Decision decision) {
        Decision effective = decision.kind() == Kind.RESEND ? resendOrDeadLetter(message, envelope, decision)
                : decision;
        if (effective.kind() == Kind.RELEASE) {
            pending.keep(key != null ? key : key(message, envelope), effective);
        }
        try {
            execute(session, message, envelope, effective);
            succeeded();
            return effective.kind() != Kind.RELEASE && effective.kind() != Kind.STOP;
        } catch (RuntimeException | Error failure) {
            String keptUnder = key != null ? key : key(message, envelope);
            boolean storing = effective.kind() == Kind.DELIVER && !effective.storeFailed();
            // joined: a failed store rolled the unit back; the next delivery sends a copy instead of trying again
            pending.keep(keptUnder, storing && session.handlerJoins() ? effective.storeFailedOnce() : effective);
            session.rollback();
            if (failure instanceof Error error) {
                throw error;
            }
            if (heuristic(failure)) {
                // the provider cannot say what committed: if the acknowledgement did, the message will not come back
                LOG.log(Level.SEVERE, JmsDiagnostics.heuristicOutcome(effective.kind(), id(envelope), channel.name()));
            }
            failed(JmsDiagnostics.outcomeNotCarriedOut(effective.kind(), id(envelope), channel.name()), failure);
            return false;
        }
    }

    private void execute(ConsumerSession session, Message message, Envelope envelope, Decision decision) {
        switch (decision.kind()) {
            case ACK -> session.commit();
            case FORWARD -> {
                channels.get(decision.channel()).send(session.context(), forwarded(envelope, decision),
                        decision.delayMs());
                session.commit();
            }
            case DELIVER -> deliver(session, envelope, decision);
            case RESEND -> {
                int resends = decision.turn();
                channel.send(session.context(), envelope.nextAttempt(),
                        settings.growingDelay(settings.resendDelayMs(), resends),
                        copy -> copy.setIntProperty(WireFormat.RESENDS, resends));
                session.commit();
            }
            case IGNORE -> {
                LOG.log(Level.WARNING, JmsDiagnostics.dropped(id(envelope), channel.name(), decision.failure().summary()));
                session.commit();
            }
            case RELEASE -> {
                session.rollback();
                pause(settings.failurePauseMs());
            }
            case STOP -> {
                session.rollback();
                group.stopBecause(id(envelope), decision.failure().cause().exceptionClass(),
                        new FailureText.Carried(decision.failure()));
            }
        }
    }

    /**
     * Hands the failure to its channel: joined, in the unit (the dead letter commits with the acknowledgement;
     * if that failed once, a copy goes back instead); local, in a transaction of its own first, a copy if that
     * fails.
     */
    private void deliver(ConsumerSession session, Envelope envelope, Decision decision) {
        if (session.handlerJoins()) {
            if (decision.storeFailed()) {
                sendCopy(session, envelope, decision, null);
            } else {
                inbound.deliver(decision.deliverOutcome(envelope), true);
            }
        } else {
            try {
                inbound.deliver(decision.deliverOutcome(envelope), false);
            } catch (RuntimeException storeDown) {
                sendCopy(session, envelope, decision, storeDown);
            }
        }
        session.commit();
        if (decision.turn() > 0 && !decision.storeFailed()) {
            LOG.log(Level.INFO, JmsDiagnostics.failureReachedChannel(),
                    new Object[] {id(envelope), decision.channel(), String.valueOf(decision.turn())});
        }
    }

    /**
     * Sends back, in the unit, a copy of the message that only routes its failure: its consumer hands the failure
     * to the channel again and never runs the handler. The delay doubles on each turn; the message is never dropped.
     */
    private void sendCopy(ConsumerSession session, Envelope envelope, Decision decision, Throwable why) {
        int turn = decision.turn() + 1;
        long delay = settings.growingDelay(settings.unroutedDelayMs(), turn);
        String line = JmsDiagnostics.failureNotHandedOver(id(envelope), decision.channel(), why, channel.queue(), delay,
                turn);
        LOG.log(Level.WARNING, line, turn == 1 ? why : null);
        channel.send(session.context(), envelope, delay,
                copy -> WireFormat.writeFailure(copy, decision.channel(), decision.failure(), turn));
    }

    /** {@code RESEND} until {@code rebound.jms.max-resends}, then the dead letter with the reason. */
    private Decision resendOrDeadLetter(Message message, Envelope envelope, Decision resend) {
        int resends = WireFormat.count(message, WireFormat.RESENDS) + 1;
        if (resends <= settings.maxResends()) {
            return new Decision(Kind.RESEND, null, 0, resend.failure(), resends, false, null, null);
        }
        return deadLetter(envelope, resend.failure(), JmsDiagnostics.resentTooOften(id(envelope), channel.name(),
                resends - 1, settings.maxResends(), resend.failure().summary()));
    }

    /**
     * The broker delivered the message {@code rebound.jms.max-deliveries} times and it is still not settled
     * (its unit kept failing, or the process died): it is stored as a dead letter without running its handler,
     * before the broker's own limit takes it out of Rebound's sight.
     */
    private Decision deliveryLimit(Envelope envelope, int deliveries, Decision waiting) {
        String last = waiting != null && waiting.failure() != null ? waiting.failure().summary()
                : "not known to this consumer (the handler failed before a restart or on another consumer, or the "
                + "unit could not be committed)";
        return deadLetter(envelope, waiting == null ? null : waiting.failure(), JmsDiagnostics.deliveryLimit(
                id(envelope), channel.name(), deliveries, settings.maxDeliveries(), last));
    }

    /** The dead letter for a reason of the consumer's; it names the handler of the last failure, if known. */
    private Decision deadLetter(Envelope envelope, FailureText last, String reason) {
        LOG.log(Level.WARNING, reason);
        Outcome.Deliver deliver = (Outcome.Deliver) inbound.attempt(channel.name(), envelope)
                .deadLetter(new ReboundException(reason));
        ErrorMessage error = deliver.error();
        if (error.handler() == null && last != null && last.handler() != null) {
            error = error.withHandler(last.handler());
        }
        return Decision.of(new Outcome.Deliver(deliver.channel(), error), null, null);
    }

    /** The failure a copy carries; a copy whose failure cannot be read goes to the dead letter with that reason. */
    private Decision carried(Message message, String target) {
        try {
            return Decision.deliver(target, WireFormat.readFailure(message),
                    WireFormat.count(message, WireFormat.ROUTE_TURN));
        } catch (JMSException | RuntimeException unreadable) {
            return Decision.deliver(target, FailureText.brief(unreadable, null), 1);
        }
    }

    /**
     * Part of the transaction committed and part did not: the acknowledgement may be among either, so the
     * message may never come back. The message is stored as a dead letter at once, in a transaction of its own.
     */
    private Decision uncertain(Envelope envelope, Inbound.Attempt attempt, Throwable failure) {
        LOG.log(Level.SEVERE, JmsDiagnostics.heuristicTransaction(id(envelope), channel.name()), failure);
        Decision deadLetter = Decision.of(attempt.deadLetter(unwrapCommit(failure)), null, null);
        try {
            inbound.deliver(deadLetter.deliverOutcome(envelope), false);
            return Decision.ACK;
        } catch (RuntimeException storeDown) {
            LOG.log(Level.WARNING, JmsDiagnostics.deadLetterNotStored(id(envelope), storeDown), storeDown);
            return deadLetter.storeFailedOnce();
        }
    }

    private void keepPoison(ConsumerSession session, Message message, String reason) {
        String body;
        String why = reason;
        try {
            body = WireFormat.body(message);
        } catch (JMSException | RuntimeException unreadable) {
            body = null;
            why = reason + JmsDiagnostics.bodyUnreadableToo(unreadable);
        }
        Map<String, String> properties = WireFormat.properties(message);
        UUID id = poisonId(message, body, properties);
        RuntimeException storeDown = null;
        try {
            inbound.poison(id, channel.name(), body, properties, why);
        } catch (RuntimeException e) {
            storeDown = e;
        }
        try {
            if (storeDown != null) {
                sendPoisonCopy(session, message, id, storeDown);
            }
            session.commit();
            succeeded();
        } catch (RuntimeException | JMSException e) {
            session.rollback();
            failed(JmsDiagnostics.poisonNotSettled(id, channel.name()), e);
            return;
        }
        if (storeDown == null) {
            LOG.log(Level.WARNING, JmsDiagnostics.poisonStored(),
                    new Object[] {channel.name(), why});
        }
    }

    /** The raw message goes back with its dead letter id, so that its store, once possible, keeps one entry. */
    private void sendPoisonCopy(ConsumerSession session, Message message, UUID id, RuntimeException why)
            throws JMSException {
        int turn = WireFormat.count(message, WireFormat.ROUTE_TURN) + 1;
        long delay = settings.growingDelay(settings.unroutedDelayMs(), turn);
        LOG.log(Level.WARNING, JmsDiagnostics.poisonNotStored(id, why, channel.queue(), delay, turn),
                turn == 1 ? why : null);
        JMSContext context = session.context();
        Message copy = WireFormat.rawCopy(context, message);
        copy.setStringProperty(WireFormat.POISON_ID, id.toString());
        copy.setIntProperty(WireFormat.ROUTE_TURN, turn);
        context.createProducer().setDeliveryDelay(delay).send(channel.queueRef().in(context), copy);
    }

    private static boolean heuristic(Throwable failure) {
        return failure instanceof UnitCommitException && (failure.getCause() instanceof HeuristicMixedException
                || failure.getCause() instanceof HeuristicCommitException);
    }

    /**
     * Whether a failed commit of the handler's unit failed because a resource went away (the broker's or the
     * database's connection lost while preparing or committing: {@code XAER_RMFAIL}, {@code XA_RBCOMMFAIL}, or a
     * {@link jakarta.jms.JMSException} that a later try may not meet again, as {@link Sender#retriable}) rather than because of what the handler did (a constraint checked at
     * commit). Looks at the causes and at what the transaction manager attached as suppressed.
     */
    static boolean resourceLost(Throwable failure) {
        if (!(failure instanceof UnitCommitException) || heuristic(failure)) {
            return false;
        }
        if (failure.getCause() instanceof JtaSession.RolledBackAfterHeuristic) {
            return true;
        }
        return lostIn(failure.getCause(), 0);
    }

    private static boolean lostIn(Throwable t, int depth) {
        if (t == null || depth > 10) {
            return false;
        }
        if (t instanceof javax.transaction.xa.XAException xa && (xa.errorCode == javax.transaction.xa.XAException.XAER_RMFAIL
                || xa.errorCode == javax.transaction.xa.XAException.XA_RBCOMMFAIL)) {
            return true;
        }
        if (t instanceof jakarta.jms.JMSException || t instanceof jakarta.jms.JMSRuntimeException) {
            return Sender.retriable(t);      // an unknown destination, a refused login, a bad format: the message's
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (lostIn(suppressed, depth + 1)) {
                return true;
            }
        }
        return lostIn(t.getCause(), depth + 1);
    }

    /** A failed commit of the handler's unit is reported with what made it fail (e.g. a constraint). */
    private static Throwable unwrapCommit(Throwable failure) {
        return failure instanceof UnitCommitException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /**
     * The key of a message's decision: its JMS id, or, when the provider gives none (disabled message ids, some
     * bridges), the Rebound message id with its handler and attempt; never {@code null}.
     */
    static String key(Message message, Envelope envelope) {
        String id = jmsId(message);
        return id != null ? id : "rebound:" + envelope.message().headers().messageId() + "/" + envelope.handler()
                + "/" + envelope.attempt();
    }

    private static String failureChannel(Message message) {
        try {
            return WireFormat.failureChannel(message);
        } catch (JMSException | RuntimeException e) {
            return null;
        }
    }

    private static String jmsId(Message message) {
        try {
            return message.getJMSMessageID();
        } catch (JMSException | JMSRuntimeException e) {
            return null;
        }
    }

    /**
     * Stable across redeliveries and copies, so that storing a poison message twice keeps one dead letter: the id
     * a copy carries, else derived from the JMS id, else from the channel, body and properties.
     */
    private UUID poisonId(Message message, String body, Map<String, String> properties) {
        try {
            String carried = message.getStringProperty(WireFormat.POISON_ID);
            if (carried != null) {
                return UUID.fromString(carried);
            }
        } catch (JMSException | RuntimeException notCarried) {
            // derived below
        }
        String id = jmsId(message);
        String name = id != null ? id : channel.name() + "\n" + body + "\n" + properties.entrySet().stream()
                .filter(p -> !p.getKey().startsWith("JMSX") && !p.getKey().equals("JMSMessageID"))
                .map(String::valueOf).sorted().toList();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    private static String id(Envelope envelope) {
        return String.valueOf(envelope.message().headers().messageId());
    }

    private void succeeded() {
        if (failuresInARow != 0) {
            failuresInARow = 0;
        }
    }

    /**
     * Logs a failure of this thread and pauses, longer with every failure in a row. The stack trace is logged
     * once per cause: in an outage every consumer fails every pause, and each repeat is one line.
     */
    private void failed(String what, Throwable failure) {
        failuresInARow++;
        Throwable root = dev.rebound.Failure.rootCause(failure);
        String cause = root.getClass().getName() + ": " + root.getMessage();
        long now = System.nanoTime();
        if (!cause.equals(lastLogged) || now - lastLoggedAt > STACK_AGAIN_AFTER_NANOS) {
            LOG.log(Level.WARNING, what, failure);
            lastLogged = cause;
            lastLoggedAt = now;
        } else {
            LOG.log(Level.WARNING, JmsDiagnostics.failingAgain(what, failuresInARow, failure));
        }
        long cap = Math.max(settings.failurePauseMs(), JmsSettings.MAX_PAUSE_MS);
        pause(Math.min(cap, settings.failurePauseMs() << Math.min(failuresInARow - 1, 20)));
    }

    /** Sleeps, but returns as soon as the consumers stop. */
    private void pause(long ms) {
        long end = System.nanoTime() + ms * 1_000_000;
        try {
            while (group.running()) {
                long left = (end - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return;
                }
                Thread.sleep(Math.min(left, 100));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
