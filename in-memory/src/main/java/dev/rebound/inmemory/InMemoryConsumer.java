package dev.rebound.inmemory;

import dev.rebound.FinalFailureStrategy;
import dev.rebound.Message;
import dev.rebound.ReboundException;
import dev.rebound.inmemory.InMemoryQueue.Entry;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.Inbound;
import dev.rebound.spi.Outcome;
import dev.rebound.spi.PayloadCodec;
import jakarta.transaction.HeuristicCommitException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One consumer thread of an in-memory channel. A message is taken (it stays on the queue, in flight), handled, and
 * its {@link Outcome} carried out before it leaves the queue: a forward is on its target queue before the original
 * goes, so that a message is never lost nor seen twice. With a transaction manager the handler runs in a JTA
 * transaction the consumer begins ({@link Inbound.Attempt#runInUnit}); a failure is rolled back first and then
 * decided, with no transaction active.
 *
 * <p>Carrying out an outcome never loses the message: if that fails (the target queue is full, the dead letter
 * store is down), the message goes back with its outcome, after a growing pause, and the outcome is tried again
 * without running the handler. A message taken {@code max-deliveries} times without being settled (released, or
 * a forward kept failing) is stored as a dead letter without running its handler, so that nothing loops forever.
 */
final class InMemoryConsumer implements Runnable {

    private static final Logger LOG = Logger.getLogger(InMemoryConsumer.class.getName());

    private final InMemoryQueue queue;
    private final Map<String, InMemoryQueue> queues;
    private final ChannelConsumers group;
    private final ChannelConsumers.Member self;
    private final Inbound inbound;
    private final PayloadCodec codec;
    private final TransactionManager transactions;
    private final InMemorySettings settings;

    InMemoryConsumer(InMemoryQueue queue, Map<String, InMemoryQueue> queues, ChannelConsumers group,
                     ChannelConsumers.Member self, Inbound inbound, PayloadCodec codec,
                     TransactionManager transactions, InMemorySettings settings) {
        this.queue = queue;
        this.queues = queues;
        this.group = group;
        this.self = self;
        this.inbound = inbound;
        this.codec = codec;
        this.transactions = transactions;
        this.settings = settings;
    }

    @Override
    public void run() {
        while (group.running()) {
            Entry entry = null;
            try {
                entry = queue.take(settings.pollMs(), group::running);
                if (entry != null) {
                    process(entry);
                    entry = null;
                }
            } catch (InterruptedException stopping) {
                // stop() interrupts a handler that outlived the shutdown timeout: the loop ends below
            } catch (VirtualMachineError fatal) {
                self.died(fatal);
                return;
            } catch (Error e) {
                self.restarting(e);
            } catch (RuntimeException bug) {
                LOG.log(Level.SEVERE, InMemoryDiagnostics.consumerFailed(queue.name()), bug);
            } finally {
                if (entry != null) {
                    queue.putBack(entry, settings.failurePauseMs());   // whatever went wrong, it is not lost
                }
            }
        }
    }

    private void process(Entry entry) {
        Envelope envelope;
        try {
            envelope = decode(entry.message);
        } catch (RuntimeException unreadable) {
            // the codec says IllegalArgumentException; anything else it throws must not loop on the message either
            poison(entry, unreadable instanceof IllegalArgumentException ? unreadable.getMessage()
                    : InMemoryDiagnostics.unreadablePayload(unreadable));
            return;
        }
        Inbound.Attempt attempt = inbound.attempt(queue.name(), envelope);
        Outcome outcome = entry.pending;
        if (entry.deliveries >= settings.maxDeliveries() && !(outcome instanceof Outcome.Deliver)) {
            outcome = deliveryLimit(entry, envelope, attempt);
        } else if (outcome == null) {
            outcome = handle(entry, attempt);
            if (outcome == null) {
                return;                        // stopping: the message went back as it was
            }
        }
        carryOut(entry, envelope, attempt, outcome);
    }

    /** Runs the handler; {@code null} if the consumers stop meanwhile (the message is back on the queue then). */
    private Outcome handle(Entry entry, Inbound.Attempt attempt) {
        try {
            if (transactions == null) {
                attempt.run();
            } else {
                transactions.begin();
                try {
                    attempt.runInUnit();
                } catch (Throwable failure) {
                    rollback();
                    throw failure;
                }
                transactions.commit();
            }
            return Outcome.DONE;
        } catch (Throwable failure) {
            if (!group.running()) {
                queue.putBack(entry, 0);
                return null;
            }
            if (failure instanceof HeuristicMixedException || failure instanceof HeuristicCommitException) {
                // part of the handler's work may have committed: an operator must look, it is not run again
                LOG.log(Level.SEVERE, InMemoryDiagnostics.heuristicTransaction(id(entry), queue.name()), failure);
                return attempt.deadLetter(failure);
            }
            Throwable cause = failure instanceof RollbackException && failure.getCause() != null
                    ? failure.getCause() : failure;
            try {
                return attempt.failed(cause);
            } catch (RuntimeException routing) {
                LOG.log(Level.WARNING, InMemoryDiagnostics.failureNotRouted(id(entry), queue.name()), routing);
                queue.putBack(entry, settings.failurePauseMs());
                return null;
            }
        }
    }

    /** Carries the outcome out, then the message leaves the queue; on failure it goes back with the outcome. */
    private void carryOut(Entry entry, Envelope envelope, Inbound.Attempt attempt, Outcome outcome) {
        try {
            boolean settled = execute(entry, envelope, attempt, outcome);
            if (settled) {
                queue.settle(entry);
            }
            entry.failures = 0;
            entry.pending = null;
            group.settled(entry);
        } catch (RuntimeException failure) {
            entry.pending = outcome;
            entry.failures++;
            long pause = settings.growing(settings.failurePauseMs(), entry.failures);
            LOG.log(Level.WARNING, InMemoryDiagnostics.outcomeNotCarriedOut(outcome.getClass().getSimpleName(), id(entry),
                    queue.name(), pause), failure);
            group.failing(entry, failure);
            queue.putBack(entry, pause);
        }
    }

    /** @return whether the message is done with; {@code false} if it went back to the queue (release, stop) */
    private boolean execute(Entry entry, Envelope envelope, Inbound.Attempt attempt, Outcome outcome) {
        if (outcome instanceof Outcome.Done) {
            return true;
        }
        if (outcome instanceof Outcome.Forward forward) {
            target(forward.channel()).offer(forward.envelope(), forward.delayMs(), 0);
            return true;
        }
        if (outcome instanceof Outcome.Deliver deliver) {
            deliver(deliver);
            return true;
        }
        Outcome.Final last = (Outcome.Final) outcome;
        FinalFailureStrategy strategy = last.strategy();
        switch (strategy) {
            case IGNORE -> {
                LOG.log(Level.WARNING, InMemoryDiagnostics.dropped(id(entry), queue.name(), type(last.failure())));
                return true;
            }
            case RESEND -> {
                int resends = entry.message.resends() + 1;
                if (resends > settings.maxResends()) {
                    String reason = InMemoryDiagnostics.resentTooOften(id(entry), queue.name(), resends - 1,
                            settings.maxResends(), type(last.failure()));
                    LOG.log(Level.WARNING, reason);
                    return execute(entry, envelope, attempt, attempt.deadLetter(new ReboundException(reason,
                            last.failure())));
                }
                Envelope next = last.next() != null ? last.next() : envelope.nextAttempt();
                queue.offer(next, settings.growing(settings.resendDelayMs(), resends), resends);
                return true;
            }
            case RELEASE -> {
                queue.putBack(entry, settings.failurePauseMs());
                return false;
            }
            case STOP -> {
                group.stopBecause(id(entry), last.failure());
                queue.putBack(entry, 0);
                return false;
            }
            default -> throw new IllegalStateException("unknown strategy " + strategy);
        }
    }

    /** The dead letter (or error channel) gets it: in a transaction of the consumer's when there is a manager. */
    private void deliver(Outcome.Deliver deliver) {
        if (transactions == null) {
            inbound.deliver(deliver, false);
            return;
        }
        try {
            transactions.begin();
            try {
                inbound.deliver(deliver, true);
            } catch (RuntimeException | Error failure) {
                rollback();
                throw failure;
            }
            transactions.commit();
        } catch (jakarta.transaction.NotSupportedException | SystemException | RollbackException
                 | HeuristicMixedException | jakarta.transaction.HeuristicRollbackException e) {
            throw new IllegalStateException(InMemoryDiagnostics.deliveryTransactionFailed(deliver.channel()), e);
        }
    }

    private InMemoryQueue target(String channel) {
        InMemoryQueue target = queues.get(channel);
        if (target == null) {
            // the SPI forwards by channel name: a channel of another transport cannot be reached from here
            throw new IllegalStateException(InMemoryDiagnostics.notCarried(channel, queue.name()));
        }
        return target;
    }

    private Outcome deliveryLimit(Entry entry, Envelope envelope, Inbound.Attempt attempt) {
        String reason = InMemoryDiagnostics.deliveryLimit(id(entry), queue.name(), entry.deliveries,
                settings.maxDeliveries());
        LOG.log(Level.WARNING, reason);
        return attempt.deadLetter(new ReboundException(reason));
    }

    /** An unreadable message: its dead letter keeps the raw body; if that fails it comes back later. */
    private void poison(Entry entry, String reason) {
        Stored message = entry.message;
        try {
            inbound.poison(message.id(), queue.name(), message.body(), message.properties(), reason);
            queue.settle(entry);
            group.settled(entry);
            LOG.log(Level.WARNING, InMemoryDiagnostics.poisonStored(), new Object[] {queue.name(), reason});
        } catch (RuntimeException storeDown) {
            entry.failures++;
            long pause = settings.growing(settings.failurePauseMs(), entry.failures);
            LOG.log(Level.WARNING, InMemoryDiagnostics.poisonNotStored(message.id(), queue.name(), pause), storeDown);
            group.failing(entry, storeDown);
            queue.putBack(entry, pause);
        }
    }

    /** The envelope back; {@link IllegalArgumentException} with the reason when the message cannot be read. */
    private Envelope decode(Stored message) {
        if (message.headers() == null) {
            throw new IllegalArgumentException(InMemoryDiagnostics.noHeaders());
        }
        if (message.payloadType() == null) {
            throw new IllegalArgumentException(InMemoryDiagnostics.noPayloadType());
        }
        Object payload = codec.read(message.body(), message.payloadType());
        return new Envelope(new Message(payload, message.headers()), message.handler(),
                message.kind() == null ? "COMMAND" : message.kind(), message.attempt(), message.origin());
    }

    private void rollback() {
        try {
            if (transactions.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transactions.rollback();
            }
        } catch (SystemException | IllegalStateException e) {
            LOG.log(Level.FINE, "Rolling back the unit of a message of " + queue.name(), e);
        }
    }

    private static String id(Entry entry) {
        Stored m = entry.message;
        return String.valueOf(m.headers() != null ? m.headers().messageId() : m.id());
    }

    private static String type(Throwable failure) {
        return failure == null ? "unknown failure" : failure.getClass().getName();
    }
}
