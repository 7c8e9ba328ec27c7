package dev.rebound.core;

import dev.rebound.ErrorMessage;
import dev.rebound.Failure;
import java.time.Clock;

/** Turns a failed delivery into an {@link ErrorMessage}. Stateless apart from the clock; thread-safe. */
public final class Failures {

    private final Clock clock;

    public Failures(Clock clock) {
        this.clock = clock;
    }

    public ErrorMessage errorMessage(Delivery delivery, Throwable failure) {
        HandlerMethod handler = delivery.currentHandler();
        return new ErrorMessage(delivery.message(), Failure.of(failure), handler == null ? null : handler.id(),
                delivery.origin(), delivery.attempts(), clock.instant(), failure);
    }
}
