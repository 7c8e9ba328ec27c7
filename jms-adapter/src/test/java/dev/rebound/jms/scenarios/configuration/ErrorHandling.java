package dev.rebound.jms.scenarios.configuration;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.ConsumerConfiguration;
import dev.rebound.ErrorHandlerConfiguration;
import dev.rebound.RetryTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.concurrent.atomic.AtomicInteger;

/** Error handling supplied by the application as CDI beans, shared by every handler of the channel. */
@ApplicationScoped
public class ErrorHandling {

    public record Sync(String id) {
    }

    private final AtomicInteger calls = new AtomicInteger();

    @Produces
    ConsumerConfiguration inventoryConsumer() {
        return ConsumerConfiguration.of("inventory").withErrorChannel("errorChannel").withConcurrentConsumers(2);
    }

    @Produces
    ErrorHandlerConfiguration errorChannel() {
        return ErrorHandlerConfiguration.of("errorChannel",
                RetryTemplate.exponentialBackoff(50, 2).maxRetries(2)).withDeadLetterChannel(Channels.DEAD_LETTER);
    }

    @Asynchronous("inventory")
    @CommandHandler
    public void sync(Sync command) {
        calls.incrementAndGet();
        throw new IllegalStateException("warehouse offline");
    }

    public int calls() {
        return calls.get();
    }
}
