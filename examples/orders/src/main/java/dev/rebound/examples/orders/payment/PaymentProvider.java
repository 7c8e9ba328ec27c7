package dev.rebound.examples.orders.payment;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for a remote payment provider, with a fault that can be switched at run time (see
 * {@link FaultResource}). Thread-safe: consumers and REST requests call it concurrently.
 */
@ApplicationScoped
public class PaymentProvider {

    private final AtomicReference<Fault> fault = new AtomicReference<>(Fault.NONE);
    private final AtomicInteger failuresLeft = new AtomicInteger();

    /** Takes the payment and returns the provider's reference, or throws if the fault says so. */
    public String charge(String orderId, BigDecimal amount) {
        Fault current = fault.get();
        if (fails(current)) {
            throw new PaymentProviderUnavailableException("Payment provider unavailable while charging order "
                    + orderId + " (" + amount + "); demo fault: " + current);
        }
        return "pay-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public Fault fault() {
        Fault current = fault.get();
        return current.mode() == Fault.Mode.TIMES ? new Fault(current.mode(), failuresLeft.get(), 0) : current;
    }

    public void switchTo(Fault next) {
        failuresLeft.set(next.count());
        fault.set(next);
    }

    private boolean fails(Fault current) {
        return switch (current.mode()) {
            case OFF -> false;
            case ALWAYS -> true;
            case TIMES -> failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
            case PERCENT -> ThreadLocalRandom.current().nextInt(100) < current.percent();
        };
    }
}
