package dev.rebound.database.ordering;

import dev.rebound.spi.Envelope;
import dev.rebound.spi.Inbound;
import dev.rebound.spi.Outcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * A node's handler of {@link Step}s that keeps a ledger in the transport's unit: the {@code seq}-th message of a
 * key finds exactly {@code seq} rows of its key in the ledger (else an order violation is noted), and writes its
 * own (the message id and (key, seq) are unique: a second handling fails its unit and is noted). The failing
 * message fails its first three attempts: an instant retry (a delay of 0), then two delayed retries, each a
 * {@link Outcome.Forward} to its own channel as Rebound's pipeline decides it.
 */
final class LedgerInbound implements Inbound {

    /** Where in the handlings of every node a message was handled: one counter for the whole test JVM. */
    static final AtomicLong POSITION = new AtomicLong();
    static final long[] RETRY_DELAYS_MS = {0, 300, 600};

    private final String node;
    private final DataSource dataSource;
    private final Step failing;
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final List<Integer> failingAttempts = new CopyOnWriteArrayList<>();

    LedgerInbound(String node, DataSource dataSource, Step failing) {
        this.node = node;
        this.dataSource = dataSource;
        this.failing = failing;
    }

    @Override
    public int concurrentConsumers(String channel) {
        return 2;
    }

    @Override
    public Attempt attempt(String channel, Envelope envelope) {
        Step step = (Step) envelope.message().payload();
        UUID id = envelope.message().headers().messageId();
        return new Attempt() {
            @Override
            public void run() {
                throw new UnsupportedOperationException("the database transport runs handlers in its unit");
            }

            @Override
            public void runInUnit() throws Exception {
                if (step.equals(failing)) {
                    failingAttempts.add(envelope.attempt());
                    if (envelope.attempt() <= RETRY_DELAYS_MS.length) {
                        throw new IllegalStateException("attempt " + envelope.attempt() + " of " + step + " fails");
                    }
                }
                try (Connection c = dataSource.getConnection()) {
                    try (PreparedStatement s = c.prepareStatement(
                            "SELECT COUNT(*) FROM ledger WHERE ordering_key = ?")) {
                        s.setString(1, step.key());
                        try (ResultSet r = s.executeQuery()) {
                            r.next();
                            if (r.getInt(1) != step.seq()) {
                                violations.add(step + " handled after " + r.getInt(1) + " of its key");
                            }
                        }
                    }
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO ledger (message_id, ordering_key, "
                            + "seq, node, position) VALUES (?, ?, ?, ?, ?)")) {
                        s.setString(1, id.toString());
                        s.setString(2, step.key());
                        s.setInt(3, step.seq());
                        s.setString(4, node);
                        s.setLong(5, POSITION.incrementAndGet());
                        s.executeUpdate();
                    }
                }
            }

            @Override
            public Outcome failed(Throwable failure) {
                if (step.equals(failing) && envelope.attempt() <= RETRY_DELAYS_MS.length) {
                    return new Outcome.Forward(channel, envelope.nextAttempt(),
                            RETRY_DELAYS_MS[envelope.attempt() - 1]);
                }
                failures.add(failure);
                return Outcome.DONE;
            }

            @Override
            public Outcome deadLetter(Throwable failure) {
                return failed(failure);
            }

            @Override
            public String handler() {
                return "test#step";
            }
        };
    }

    @Override
    public void deliver(Outcome.Deliver deliver, boolean inCurrentTransaction) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void poison(UUID id, String channel, String body, Map<String, String> properties, String reason) {
        failures.add(new IllegalStateException("poison: " + reason));
    }

    List<String> violations() {
        return violations;
    }

    List<Throwable> failures() {
        return failures;
    }

    List<Integer> failingAttempts() {
        return failingAttempts;
    }
}
