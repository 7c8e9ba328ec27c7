package dev.rebound.scenarios.config;

import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.ErrorChannel;
import dev.rebound.ErrorMessage;
import dev.rebound.InstantRetry;
import dev.rebound.InternalHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

public final class Configured {
    private Configured() {
    }

    public record Work(String id) {
    }

    @ErrorChannel(Channels.NULL_CHANNEL)
    @InstantRetry(maxRetries = 1)
    public interface WorkBus extends CommandBus {
    }

    @ApplicationScoped
    public static class AlwaysFails {
        private final AtomicInteger calls = new AtomicInteger();
        private final List<ErrorMessage> audited = new CopyOnWriteArrayList<>();

        @CommandHandler
        public void work(Work work) {
            calls.incrementAndGet();
            throw new IllegalStateException("never works");
        }

        @InternalHandler("audit")
        public void audit(ErrorMessage error) {
            audited.add(error);
        }

        public int calls() {
            return calls.get();
        }

        public List<ErrorMessage> audited() {
            return audited;
        }
    }
}
