package dev.rebound.opentelemetry.optimistic;

import dev.rebound.Asynchronous;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Stock counts whose first write of each item meets another writer's (an optimistic-lock conflict). */
public final class Stock {

    private Stock() {
    }

    public record Reserve(String item) {
    }

    public record Restock(String item) {
    }

    /** The gateway (no caller transaction: each attempt in one of its own, so the conflict is retried). */
    public interface Desk extends CommandBus {
    }

    @ApplicationScoped
    public static class Handlers {
        private final Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();

        @CommandHandler
        public void reserve(Reserve command) {
            write(command.item());
        }

        @Asynchronous("restocks")
        @CommandHandler
        public void restock(Restock command) {
            write(command.item());
        }

        private void write(String item) {
            if (writes.computeIfAbsent(item, k -> new AtomicInteger()).incrementAndGet() == 1) {
                throw new OptimisticLockException("stock of " + item + " was changed meanwhile");
            }
        }
    }
}
