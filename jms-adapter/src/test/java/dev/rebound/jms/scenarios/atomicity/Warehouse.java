package dev.rebound.jms.scenarios.atomicity;

import dev.rebound.Asynchronous;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import dev.rebound.Channels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** Handlers that write a row through the JTA data source, then succeed, fail or hang. */
@ApplicationScoped
public class Warehouse {

    /** Stores a parcel; fails after the insert while {@code failures} attempts remain. */
    public record Store(String id, int failures) {
    }

    /** Stores a parcel twice: the deferred primary key fails only at commit. */
    public record StoreTwice(String id) {
    }

    /** Work in a resource manager that takes a heuristic decision at commit. */
    public record Weigh(String id) {
    }

    /** Stores a parcel; the first time with a second resource that fails in prepare and in rollback. */
    public record StoreUnconfirmed(String id) {
    }

    /** Stores a parcel, then hangs until released, like a handler running when the process dies. */
    public record StoreSlowly(String id) {
    }

    @Inject
    DataSource dataSource;
    @Inject
    TransactionManager transactions;

    private final ConcurrentHashMap<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @Asynchronous("parcels")
    @DelayedRetry(initialDelayMs = 0, maxRetries = 3, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void store(Store command) throws SQLException {
        int call = calls(command.id()).incrementAndGet();
        insert(command.id(), "attempt " + call);
        if (call <= command.failures()) {
            throw new IllegalStateException("scale broken on attempt " + call);
        }
    }

    @Asynchronous("parcels")
    @DelayedRetry(initialDelayMs = 0, maxRetries = 1, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void storeTwice(StoreTwice command) throws SQLException {
        calls(command.id()).incrementAndGet();
        insert(command.id(), "first");
        insert(command.id(), "second");
    }

    @Asynchronous("parcels")
    @DelayedRetry(initialDelayMs = 0, maxRetries = 1, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void weigh(Weigh command) throws Exception {
        calls(command.id()).incrementAndGet();
        transactions.getTransaction().enlistResource(new HeuristicResource());
    }

    @Asynchronous("parcels")
    @DelayedRetry(initialDelayMs = 0, maxRetries = 1, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void storeUnconfirmed(StoreUnconfirmed command) throws Exception {
        int call = calls(command.id()).incrementAndGet();
        insert(command.id(), "attempt " + call);
        if (call == 1) {
            transactions.getTransaction().enlistResource(new UnconfirmedRollbackResource());
        }
    }

    @Asynchronous("slow-parcels")
    @CommandHandler
    public void storeSlowly(StoreSlowly command) throws SQLException, InterruptedException {
        int call = calls(command.id()).incrementAndGet();
        insert(command.id(), "attempt " + call);
        if (call == 1) {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
        }
    }

    private void insert(String id, String note) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO parcel (id, note) VALUES (?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, note);
            insert.executeUpdate();
        }
    }

    private AtomicInteger calls(String id) {
        return calls.computeIfAbsent(id, k -> new AtomicInteger());
    }

    public int calls(Object id) {
        AtomicInteger count = calls.get(id);
        return count == null ? 0 : count.get();
    }

    public boolean awaitEntered() throws InterruptedException {
        return entered.await(10, TimeUnit.SECONDS);
    }

    public void release() {
        release.countDown();
    }
}
