package dev.rebound.jms.scenarios.deployment;

import dev.rebound.Asynchronous;
import dev.rebound.BusinessMethod;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import dev.rebound.ErrorChannel;
import dev.rebound.MessageGateway;
import dev.rebound.QueryHandler;
import jakarta.enterprise.context.ApplicationScoped;

public final class Invalid {
    private Invalid() {
    }

    public record Job(String id) {
    }

    @ApplicationScoped
    public static class BothOnHandler {
        @Asynchronous("jobs")
        @DelayedRetry(initialDelayMs = 10)
        @ErrorChannel("deadLetter")
        @CommandHandler
        public void job(Job job) {
        }
    }

    @ApplicationScoped
    public static class DelayedRetryOnSynchronousHandler {
        @DelayedRetry(initialDelayMs = 10)
        @CommandHandler
        public void job(Job job) {
        }
    }

    @ApplicationScoped
    public static class AsynchronousQuery {
        @Asynchronous("jobs")
        @QueryHandler
        public String job(Job job) {
            return "";
        }
    }

    @ApplicationScoped
    public static class UnknownChannelOnAsyncHandler {
        @Asynchronous("jobs")
        @ErrorChannel("nowhere")
        @CommandHandler
        public void job(Job job) {
        }
    }

    @ApplicationScoped
    public static class AsyncJobs {
        @Asynchronous("jobs")
        @CommandHandler("job.run")
        public void job(Job job) {
        }
    }

    /** A valid handler with delayed retries, for configurations that are not. */
    @ApplicationScoped
    public static class RetriedJobs {
        @Asynchronous("jobs")
        @DelayedRetry(initialDelayMs = 10, deadLetterChannel = "deadLetter")
        @CommandHandler
        public void job(Job job) {
        }
    }

    @DelayedRetry(initialDelayMs = 10)
    public interface DelayedRetryCommandBus extends CommandBus {
    }

    @ErrorChannel("retryLater")
    public interface SyncGatewayOnRetryingErrorChannel extends CommandBus {
    }

    @MessageGateway
    @DelayedRetry(initialDelayMs = 10, deadLetterChannel = "deadLetter")
    public interface AsyncJobApi {
        @BusinessMethod("job.run")
        void run(Job job);
    }

    @MessageGateway
    @DelayedRetry(initialDelayMs = 10)
    @ErrorChannel("deadLetter")
    public interface BothOnGateway {
        @BusinessMethod("job.run")
        void run(Job job);
    }
}
