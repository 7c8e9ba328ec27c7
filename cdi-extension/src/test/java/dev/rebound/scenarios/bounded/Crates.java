package dev.rebound.scenarios.bounded;

import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.ErrorChannel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

public final class Crates {
    private Crates() {
    }

    public record Load(String crate) {
    }

    /** A failure whose message quotes a whole payload, as exception messages often do. */
    public record Verbose(int length) {
    }

    @ErrorChannel(Channels.DEAD_LETTER)
    public interface CrateBus extends CommandBus {
    }

    @ApplicationScoped
    public static class Loader {
        private final AtomicInteger loaded = new AtomicInteger();
        private volatile boolean failing = true;

        @CommandHandler
        public void load(Load command) {
            if (failing) {
                throw new IllegalStateException("crane down for " + command.crate());
            }
            loaded.incrementAndGet();
        }

        @CommandHandler
        public void verbose(Verbose command) {
            throw new IllegalStateException("rejected: " + "x".repeat(command.length()),
                    new IllegalArgumentException("root: " + "y".repeat(command.length())));
        }

        public void heal() {
            failing = false;
        }

        public int loaded() {
            return loaded.get();
        }
    }
}
