package dev.rebound.jms.scenarios.delayed;

import dev.rebound.Asynchronous;
import dev.rebound.BusinessMethod;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import dev.rebound.MessageGateway;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** A gateway whose own delayed retry policy applies to the asynchronous handling of what it sends. */
@MessageGateway
@DelayedRetry(initialDelayMs = 100, maxRetries = 1, deadLetterChannel = Channels.DEAD_LETTER)
public interface JobApi {

    @BusinessMethod("job.run")
    void run(String job);

    @ApplicationScoped
    class Jobs {
        private final AtomicInteger calls = new AtomicInteger();

        @Asynchronous("jobs")
        @CommandHandler("job.run")
        public void run(String job) {
            calls.incrementAndGet();
            throw new IllegalStateException("job failed: " + job);
        }

        public int calls() {
            return calls.get();
        }
    }
}
