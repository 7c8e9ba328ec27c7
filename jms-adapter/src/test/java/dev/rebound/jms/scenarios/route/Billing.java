package dev.rebound.jms.scenarios.route;

import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.ErrorChannel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

public final class Billing {
    private Billing() {
    }

    public record Invoice(String id) {
    }

    /** Failed commands are pushed to the asynchronous channel "retries" and handled again from there. */
    @ErrorChannel("retries")
    public interface RetryingBus extends CommandBus {
    }

    @ApplicationScoped
    public static class InvoiceHandler {
        private final AtomicInteger calls = new AtomicInteger();
        private final List<String> threads = new CopyOnWriteArrayList<>();

        @CommandHandler
        public void invoice(Invoice command) {
            threads.add(Thread.currentThread().getName());
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("ledger locked");
            }
        }

        public List<String> threads() {
            return threads;
        }
    }
}
