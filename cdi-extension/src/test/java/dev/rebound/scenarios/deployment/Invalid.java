package dev.rebound.scenarios.deployment;

import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import dev.rebound.ErrorChannel;
import dev.rebound.EventHandler;
import dev.rebound.Header;
import dev.rebound.InstantRetry;
import dev.rebound.MessageGateway;
import dev.rebound.QueryHandler;
import jakarta.enterprise.context.ApplicationScoped;

/** One misconfigured application piece per nested type. */
public final class Invalid {
    private Invalid() {
    }

    public record Pay(String id) {
    }

    @ApplicationScoped
    public static class ErrorChannelOnHandler {
        @ErrorChannel("deadLetter")
        @CommandHandler
        public void pay(Pay command) {
        }
    }

    @ApplicationScoped
    public static class InstantRetryOnHandler {
        @InstantRetry(maxRetries = 2)
        @CommandHandler
        public void pay(Pay command) {
        }
    }

    @ApplicationScoped
    @ErrorChannel("deadLetter")
    public static class ErrorChannelOnHandlerClass {
        @CommandHandler
        public void pay(Pay command) {
        }
    }

    @ErrorChannel("noSuchChannel")
    public interface UnknownChannelBus extends CommandBus {
    }

    @InstantRetry(maxRetries = -1)
    public interface NegativeRetryBus extends CommandBus {
    }

    @InstantRetry(maxRetries = 1)
    public interface RetryBus extends CommandBus {
    }

    @ApplicationScoped
    public static class FirstPayHandler {
        @CommandHandler
        public void pay(Pay command) {
        }
    }

    @ApplicationScoped
    public static class SecondPayHandler {
        @CommandHandler
        public void payAgain(Pay command) {
        }
    }

    @ApplicationScoped
    public static class DuplicateQueryKeys {
        @QueryHandler("price")
        public long price(String id) {
            return 1;
        }

        @QueryHandler("price")
        public long otherPrice(Pay id) {
            return 2;
        }
    }

    @ApplicationScoped
    public static class NoPayload {
        @CommandHandler
        public void nothing() {
        }
    }

    @ApplicationScoped
    public static class HeaderFirst {
        @CommandHandler
        public void headerOnly(@Header("x") String x) {
        }
    }

    @ApplicationScoped
    public static class UnsupportedParameter {
        @CommandHandler
        public void pay(Pay command, Integer amount) {
        }
    }

    @MessageGateway
    public interface GatewayWithPlainMethod {
        void pay(Pay command);
    }

    @ApplicationScoped
    public static class PrivateHandler {
        @CommandHandler
        private void pay(Pay command) {
        }
    }

    @jakarta.transaction.Transactional
    public interface TransactionalBus extends CommandBus {
    }

    @ErrorChannel("deadLetter")
    public interface DeadLetterBus extends CommandBus {
    }

    /** The IDE's first suggestion for "Asynchronous" when concurrent-3.0 is on the class path. */
    @ApplicationScoped
    public static class ConcurrencyAsynchronousHandler {
        @jakarta.enterprise.concurrent.Asynchronous
        @EventHandler
        public void paid(Pay event) {
        }
    }

    /** With @DelayedRetry beside it, REBOUND-2001 would say "put it on the gateway": the wrong way. */
    @ApplicationScoped
    public static class EjbAsynchronousHandlerWithDelayedRetry {
        @jakarta.ejb.Asynchronous
        @DelayedRetry(initialDelayMs = 100, maxRetries = 2)
        @CommandHandler
        public void pay(Pay command) {
        }
    }

    @ApplicationScoped
    @jakarta.ejb.Asynchronous
    public static class EjbAsynchronousHandlerClass {
        @CommandHandler
        public void pay(Pay command) {
        }
    }
}
