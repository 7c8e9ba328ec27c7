package dev.rebound.scenarios.optimistic;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A row many writers increment, guarded by its {@code @Version} (listed in the tests' persistence unit). */
@Entity
@Table(name = "rebound_test_counter")
public class Counter {

    @Id
    private String id;
    @Column(name = "counted")
    private long counted;
    @Version
    private long version;

    protected Counter() {
    }

    public Counter(String id) {
        this.id = id;
    }

    public void increment() {
        counted++;
    }

    public long counted() {
        return counted;
    }

    public long version() {
        return version;
    }

    /**
     * What a handler of a command that names the version it expects does: compares, and gives up for good when the
     * counter has moved on ({@code -1}: the command names none).
     */
    public void expectVersion(long expected) {
        if (expected >= 0 && version != expected) {
            throw new dev.rebound.StaleVersionException("counter " + id + " is at version " + version
                    + ", the command expected " + expected);
        }
    }

    /** Increments; the first {@code interferences} calls meet another writer's commit before (see below). */
    public void increment(java.util.concurrent.atomic.AtomicInteger interferences) {
        if (interferences.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            changeBehindTheBack(id);
        }
        increment();
    }

    /** Creates the counter {@code id} at 0, version 0, outside any transaction of the test's. */
    public static void create(String id) {
        dev.rebound.testsupport.Postgres.execute(
                "INSERT INTO rebound_test_counter (id, counted, version) VALUES ('" + id + "', 0, 0)");
    }

    /** The counter's value, read straight from the table. */
    public static long value(String id) {
        return dev.rebound.testsupport.Postgres.count("SELECT counted FROM rebound_test_counter WHERE id = '" + id + "'");
    }

    /**
     * Another writer's commit: bumps the row's version on a connection of its own, so that a transaction that read
     * the row before fails its update with an optimistic-lock conflict.
     */
    public static void changeBehindTheBack(String id) {
        dev.rebound.testsupport.Postgres.execute(
                "UPDATE rebound_test_counter SET version = version + 1 WHERE id = '" + id + "'");
    }
}
