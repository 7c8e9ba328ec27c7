package dev.rebound.it.faulttolerance;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import dev.rebound.it.support.Calls;
import dev.rebound.it.support.Fault;
import dev.rebound.it.support.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Handlers guarded by MicroProfile Fault Tolerance (Liberty's implementation). Rebound calls them through
 * their CDI bean, so FT's interceptors wrap each call inside Rebound's pipeline.
 */
@ApplicationScoped
public class PriceProvider {

    @Inject
    Rows rows;
    @Inject
    Fault fault;
    @Inject
    Calls calls;
    @Inject
    PricingBus pricing;
    @Inject
    GuardedBus guarded;
    @Inject
    CommandBus commands;

    /** Writes a row per call, then may fail: FT's retries run inside the transaction Rebound began. */
    @Retry(maxRetries = 2, delay = 0, jitter = 0)
    @CommandHandler
    public String quote(Quote quote) {
        calls.record(quote.requestId());
        rows.insert(UUID.randomUUID().toString(), quote.requestId());
        fault.call("price feed down");
        return "42.00";
    }

    /** Hangs on its first call; FT's timeout interrupts it. */
    @Timeout(value = 500, unit = ChronoUnit.MILLIS)
    @CommandHandler
    public String slowQuote(SlowQuote quote) throws InterruptedException {
        calls.record(quote.requestId());
        if (calls.count(quote.requestId()) == 1) {
            Thread.sleep(10_000);
        }
        return "42.00";
    }

    /** Opens after two failures out of two calls and stays open for a minute. */
    @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 60, delayUnit = ChronoUnit.SECONDS)
    @CommandHandler
    public String guardedQuote(GuardedQuote quote) {
        calls.record(quote.requestId());
        throw new IllegalStateException("price feed down");
    }

    /** FT's retry inside each of Rebound's delivery attempts from the queue. */
    @Retry(maxRetries = 1, delay = 0, jitter = 0)
    @Asynchronous("quotes")
    @DelayedRetry(initialDelayMs = 500, maxRetries = 1, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void refresh(RefreshQuote quote) {
        calls.record(quote.requestId());
        throw new IllegalStateException("price feed down");
    }

    public String price(Object quote) {
        return pricing.send(quote);
    }

    public String priceGuarded(Object quote) {
        return guarded.send(quote);
    }

    public void requestRefresh(RefreshQuote quote) {
        commands.send(quote);
    }
}
