package dev.rebound.examples.orders.payment;

/** The (simulated) payment provider did not take the payment; trying again later may work. */
public class PaymentProviderUnavailableException extends RuntimeException {

    public PaymentProviderUnavailableException(String message) {
        super(message);
    }
}
