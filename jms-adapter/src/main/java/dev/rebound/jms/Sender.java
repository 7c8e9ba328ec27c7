package dev.rebound.jms;

import dev.rebound.spi.QueueChannel;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.TransactionRolledBackRuntimeException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts messages on their queues, all in one JMS session: outside a server a transacted one committed once (all
 * or none, one blocking round trip for the lot), in a server the container's, which joins the JTA transaction.
 * A failure of the connection or the broker is tried again ({@link SendRetry}), within the send's time bound; a
 * destination that does not exist, a refused login or an unwritable message is not. When the broker keeps
 * refusing and every message's channel has a fallback, the messages go there instead. Thread-safe.
 */
final class Sender {

    private static final Logger LOG = Logger.getLogger(Sender.class.getName());
    /** Sends that may hang at once on a broker that does not answer; more are refused, never queued. */
    static final int SEND_THREADS = 64;
    /** How long a try that was committing at the deadline is still waited for. */
    static final long COMMIT_GRACE_MS = 5000;

    private final Supplier<ConnectionFactory> factory;
    private final BooleanSupplier inServer;
    private final Supplier<ExecutorService> threads = Once.of(Sender::sendThreads);
    private final DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    Sender(Supplier<ConnectionFactory> factory, BooleanSupplier inServer) {
        this.factory = factory;
        this.inServer = inServer;
    }

    /**
     * Sends the messages, in order, with the retries of their channels.
     *
     * @param doomed whether the transaction they belong to can no longer commit (no retry then)
     * @throws Failed when they were not sent and could not go to a fallback; none was sent then
     */
    void send(List<Outgoing> messages, BooleanSupplier doomed) {
        SendRetry retry = messages.get(0).channel().retry();
        for (Outgoing outgoing : messages) {
            retry = retry.widest(outgoing.channel().retry());
        }
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(retry.timeoutMs());
        for (int attempt = 1; ; attempt++) {
            Attempt outcome = once(messages, deadline);
            if (outcome.failure == null) {
                return;
            }
            long delay = retry.delayMs(attempt, random);
            boolean again = attempt <= retry.retries() && outcome.transientFailure && !outcome.timedOut
                    && !doomed.getAsBoolean()
                    && System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) < deadline;
            if (!again) {
                String attempts = JmsDiagnostics.attempts(attempt, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                        outcome.timedOut, SendRetry.TIMEOUT, retry.timeoutMs());
                // a commit whose outcome is unknown is diverted too: twice (deduplicated by message id) rather
                // than lost
                if ((retriable(outcome.failure) || outcome.timedOut) && divert(messages, outcome.failure)) {
                    return;
                }
                throw new Failed(attempts, outcome.failure);
            }
            LOG.log(Level.WARNING, JmsDiagnostics.sendRetry(), new Object[] {queues(messages),
                    String.valueOf(outcome.failure), String.valueOf(attempt), String.valueOf(retry.retries()),
                    String.valueOf(delay)});
            pause(delay);
        }
    }

    /**
     * One try on a new session; a failure is returned, with whether trying again may help. Outside a server the
     * try runs on a send thread while the caller waits until the deadline: an interrupt did not end Artemis' connect in the tests, and
     * its blocking calls wait 30 s ({@code callTimeout}), so this is the only bound Rebound can enforce itself. A
     * try given up before its commit is rolled back, so nothing of it leaves after the caller was told it failed.
     */
    private Attempt once(List<Outgoing> messages, long deadline) {
        if (inServer.getAsBoolean()) {
            return attempt(messages, false, null);           // the container's threads: its own time bounds
        }
        Handoff handoff = new Handoff();
        Future<Attempt> running;
        try {
            running = threads.get().submit(() -> attempt(messages, true, handoff));
        } catch (RejectedExecutionException busy) {
            return new Attempt(new IllegalStateException(JmsDiagnostics.sendThreadsBusy(SEND_THREADS)), false, true);
        }
        try {
            return running.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (handoff.abandon()) {
                running.cancel(true);
                return new Attempt(e, false, true);
            }
            return committed(running);
        } catch (ExecutionException e) {
            return new Attempt(e.getCause(), false, false);
        }
    }

    /** The outcome of a try that was committing at the deadline: it decides, waited for one more bound. */
    private Attempt committed(Future<Attempt> running) {
        try {
            return running.get(COMMIT_GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException | ExecutionException unknown) {
            return new Attempt(new IllegalStateException(JmsDiagnostics.commitUnknown(COMMIT_GRACE_MS), unknown),
                    false, true);
        }
    }

    private Attempt attempt(List<Outgoing> messages, boolean transacted, Handoff handoff) {
        JMSContext context = null;
        boolean committing = false;
        try {
            context = transacted ? factory.get().createContext(JMSContext.SESSION_TRANSACTED)
                    : factory.get().createContext();
            sendAll(context, context.createProducer(), messages);
            if (transacted) {
                if (!handoff.commit()) {
                    return Attempt.ABANDONED;            // the caller gave up: rolled back by the close below
                }
                committing = true;
                context.commit();
            }
            return Attempt.SENT;
        } catch (JMSException | RuntimeException e) {
            // a commit that failed without saying it rolled back may have committed: sending again could
            // send twice, so only a failure before the commit, or a commit rolled back for sure, is retried
            boolean unknownCommit = committing && !(e instanceof TransactionRolledBackRuntimeException
                    || e instanceof TransactionRolledBackException);
            return new Attempt(e, retriable(e) && !unknownCommit, false);
        } finally {
            if (context != null) {
                closeQuietly(context);
            }
        }
    }

    /**
     * Sends the messages with the producer, in order; the destination is looked up once per run of messages of
     * one channel (Artemis' {@code createQueue} is a blocking round trip to the broker).
     */
    static void sendAll(JMSContext context, JMSProducer producer, List<Outgoing> messages) throws JMSException {
        JmsChannel channel = null;
        jakarta.jms.Queue queue = null;
        for (Outgoing outgoing : messages) {
            if (outgoing.channel() != channel) {
                channel = outgoing.channel();
                queue = channel.queueRef().in(context);
            }
            producer.setDeliveryDelay(outgoing.delayMs()).send(queue, outgoing.encoded().in(context));
        }
    }

    /** Between the caller, which may give a try up at its deadline, and the try, which may begin to commit. */
    private static final class Handoff {

        private boolean abandoned;
        private boolean committing;

        synchronized boolean abandon() {
            if (!committing) {
                abandoned = true;
            }
            return abandoned;
        }

        synchronized boolean commit() {
            if (!abandoned) {
                committing = true;
            }
            return committing;
        }
    }

    /** The send threads outside a server: daemons, at most {@link #SEND_THREADS}, ended when idle. */
    private static ExecutorService sendThreads() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, SEND_THREADS, 10, TimeUnit.SECONDS,
                new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, "rebound-jms-send");
                    thread.setDaemon(true);
                    return thread;
                });
        return pool;
    }

    /** Gives every message to its channel's fallback, if each has one; false (none given) otherwise. */
    private boolean divert(List<Outgoing> messages, Throwable failure) {
        List<QueueChannel> fallbacks = new ArrayList<>();
        for (Outgoing outgoing : messages) {
            QueueChannel fallback = outgoing.channel().fallback();
            if (fallback == null) {
                return false;
            }
            fallbacks.add(fallback);
        }
        for (int i = 0; i < messages.size(); i++) {
            fallbacks.get(i).enqueue(messages.get(i).envelope(), messages.get(i).delayMs());
        }
        Set<String> names = new LinkedHashSet<>();
        fallbacks.forEach(fallback -> names.add(fallback.name()));
        LOG.log(Level.WARNING, JmsDiagnostics.divertedToFallback(), new Object[] {messages.size(),
                channels(messages), names, String.valueOf(failure)});
        return true;
    }

    /** Whether the failure is the connection's or the broker's, which a later try may not meet again. */
    static boolean retriable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidDestinationException || t instanceof InvalidDestinationRuntimeException
                    || t instanceof JMSSecurityException || t instanceof JMSSecurityRuntimeException
                    || t instanceof MessageFormatException || t instanceof MessageFormatRuntimeException) {
                return false;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return failure instanceof JMSException || failure instanceof JMSRuntimeException;
    }

    private static void pause(long delayMs) {
        try {
            Thread.sleep(delayMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(JMSContext context) {
        try {
            context.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "closing the send's JMS context failed", e);
        }
    }

    static Set<String> queues(List<Outgoing> messages) {
        Set<String> queues = new LinkedHashSet<>();
        messages.forEach(outgoing -> queues.add("queue " + outgoing.channel().queue()
                + " (channel " + outgoing.channel().name() + ")"));
        return queues;
    }

    static Set<String> channels(List<Outgoing> messages) {
        Set<String> channels = new LinkedHashSet<>();
        messages.forEach(outgoing -> channels.add(outgoing.channel().name()));
        return channels;
    }

    private record Attempt(Throwable failure, boolean transientFailure, boolean timedOut) {
        static final Attempt SENT = new Attempt(null, false, false);
        static final Attempt ABANDONED = new Attempt(new IllegalStateException("given up"), false, true);
    }

    /** The messages were not sent; {@link #attempts} says how often and how long it was tried. */
    static final class Failed extends RuntimeException {

        private final String attempts;

        Failed(String attempts, Throwable cause) {
            super(attempts, cause);
            this.attempts = attempts;
        }

        String attempts() {
            return attempts;
        }
    }
}
