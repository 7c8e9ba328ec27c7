package dev.rebound.jms.scenarios.status;

import dev.rebound.spi.MessageObserver;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An observer with a bug: the first time it hears of a retry on {@link Sensors#RESTART} it throws an
 * {@link AssertionError}, on {@link Sensors#FATAL} always an {@link InternalError} (a VirtualMachineError). Errors are not what
 * Rebound's observer calls catch, so they reach the consumer's loop, as any Error on a consumer thread would.
 */
@ApplicationScoped
public class BrokenObserver implements MessageObserver {

    private final AtomicInteger restartRetries = new AtomicInteger();

    @Override
    public void retried(String channel, String handler, Retry retry) {
        if (Sensors.RESTART.equals(channel) && restartRetries.incrementAndGet() == 1) {
            throw new AssertionError("observer bug");
        }
        if (Sensors.FATAL.equals(channel)) {
            throw new InternalError("simulated: the JVM is broken");
        }
    }
}
