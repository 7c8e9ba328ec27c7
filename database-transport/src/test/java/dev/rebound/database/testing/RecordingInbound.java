package dev.rebound.database.testing;

import dev.rebound.spi.Envelope;
import dev.rebound.spi.Inbound;
import dev.rebound.spi.Outcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Rebound's side of a node as the tests of several nodes need it: the handler writes a row of {@code handled} in the
 * transport's unit (its key makes a second handling of a message fail), and notes when it began. A failure is
 * noted and the message dropped ({@link Outcome#DONE}): a test asserts there was none.
 */
public final class RecordingInbound implements Inbound {

    private final String node;
    private final DataSource dataSource;
    private final int consumers;
    private final long handlerMs;
    private final boolean keyedByNode;
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Map<UUID, Long> startedAt = new ConcurrentHashMap<>();
    private final AtomicInteger handled = new AtomicInteger();

    public RecordingInbound(String node, DataSource dataSource, int consumers, long handlerMs) {
        this(node, dataSource, consumers, handlerMs, false);
    }

    /**
     * @param keyedByNode whether the handled row's key is the node and the message id, so that two nodes' handlings
     *                    of one message both commit unless the transport prevents it (the key no longer does)
     */
    public RecordingInbound(String node, DataSource dataSource, int consumers, long handlerMs, boolean keyedByNode) {
        this.node = node;
        this.dataSource = dataSource;
        this.consumers = consumers;
        this.handlerMs = handlerMs;
        this.keyedByNode = keyedByNode;
    }

    @Override
    public int concurrentConsumers(String channel) {
        return consumers;
    }

    @Override
    public Attempt attempt(String channel, Envelope envelope) {
        UUID id = envelope.message().headers().messageId();
        return new Attempt() {
            @Override
            public void run() {
                throw new UnsupportedOperationException("the database transport runs handlers in its unit");
            }

            @Override
            public void runInUnit() throws Exception {
                startedAt.putIfAbsent(id, System.nanoTime());
                if (handlerMs > 0) {
                    Thread.sleep(handlerMs);
                }
                try (Connection c = dataSource.getConnection();
                     PreparedStatement s = c.prepareStatement("INSERT INTO handled (message_id, node) VALUES (?, ?)")) {
                    s.setString(1, keyedByNode ? node + ":" + id : id.toString());
                    s.setString(2, node);
                    s.executeUpdate();
                }
                handled.incrementAndGet();
            }

            @Override
            public Outcome failed(Throwable failure) {
                failures.add(failure);
                return Outcome.DONE;
            }

            @Override
            public Outcome deadLetter(Throwable failure) {
                return failed(failure);
            }

            @Override
            public String handler() {
                return "test#handle";
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

    public List<Throwable> failures() {
        return failures;
    }

    /** When the handler of the message began (System.nanoTime), if it ran. */
    public Long startedAt(UUID message) {
        return startedAt.get(message);
    }

    /** Handler runs whose unit's work was written (their unit may still roll back). */
    public int handled() {
        return handled.get();
    }

    /** Empties the tests' table on the data source. */
    public static void emptyHandled(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("DELETE FROM handled");
        }
    }
}
