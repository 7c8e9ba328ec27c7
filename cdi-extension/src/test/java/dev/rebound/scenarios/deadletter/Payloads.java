package dev.rebound.scenarios.deadletter;

import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.ErrorChannel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

public final class Payloads {
    private Payloads() {
    }

    public record Ship(String orderId) {
    }

    /** JSON-B cannot write this: its property getter throws. */
    public static final class Unwritable {
        public String getSecret() {
            throw new IllegalStateException("secret cannot be read");
        }
    }

    @ErrorChannel(Channels.DEAD_LETTER)
    public interface DeadLetterBus extends CommandBus {
    }

    @ApplicationScoped
    public static class Handlers {
        private final AtomicInteger shipped = new AtomicInteger();
        private volatile boolean failing = true;

        @CommandHandler
        public void ship(Ship command) {
            if (failing) {
                throw new IllegalStateException("carrier unavailable");
            }
            shipped.incrementAndGet();
        }

        @CommandHandler
        public void unwritable(Unwritable command) {
            throw new IllegalStateException("cannot handle unwritable");
        }

        public void heal() {
            failing = false;
        }

        public int shipped() {
            return shipped.get();
        }
    }
}
