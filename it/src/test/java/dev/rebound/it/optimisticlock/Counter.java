package dev.rebound.it.optimisticlock;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One row that every writer updates: its version makes a concurrent update fail instead of being lost. */
@Entity
@Table(name = "it_counter")
public class Counter {

    @Id
    private String id;
    @Column(name = "counter_value", nullable = false)
    private int value;
    @Version
    private long version;

    protected Counter() {
    }

    public Counter(String id) {
        this.id = id;
    }

    public void increment() {
        value++;
    }

    public int value() {
        return value;
    }
}
