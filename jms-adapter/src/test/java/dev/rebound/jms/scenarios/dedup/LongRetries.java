package dev.rebound.jms.scenarios.dedup;

import dev.rebound.Asynchronous;
import dev.rebound.CommandHandler;
import dev.rebound.Deduplicated;
import dev.rebound.DelayedRetry;
import jakarta.enterprise.context.ApplicationScoped;

/** Delayed retries longer than the default retention of the keys (7 days), and unlimited ones. */
public final class LongRetries {

    private LongRetries() {
    }

    public record Settle(String id) {
    }

    public record Reconcile(String id) {
    }

    /** 1 + 2 + 4 + 8 days: a copy can come 15 days after the first attempt. */
    @ApplicationScoped
    public static class Settlement {
        @CommandHandler
        @Asynchronous("settlements")
        @Deduplicated
        @DelayedRetry(initialDelayMs = 86_400_000L, multiplier = 2, maxRetries = 4)
        public void settle(Settle settle) {
        }
    }

    /** The same capped at 2 days: 1 + 2 + 2 + 2 = 7 days, within the default retention. */
    @ApplicationScoped
    public static class CappedSettlement {
        @CommandHandler
        @Asynchronous("settlements")
        @Deduplicated
        @DelayedRetry(initialDelayMs = 86_400_000L, multiplier = 2, maxDelayMs = 172_800_000L, maxRetries = 4)
        public void settle(Settle settle) {
        }
    }

    @ApplicationScoped
    public static class Reconciliation {
        @CommandHandler
        @Asynchronous("reconciliations")
        @Deduplicated
        @DelayedRetry(initialDelayMs = 1_000, maxRetries = -1)
        public void reconcile(Reconcile reconcile) {
        }
    }
}
