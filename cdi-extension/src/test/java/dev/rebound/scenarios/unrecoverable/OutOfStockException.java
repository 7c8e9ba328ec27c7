package dev.rebound.scenarios.unrecoverable;

/** Listed in {@code rebound.retry.abort-on} by the global-list scenario. */
public class OutOfStockException extends RuntimeException {

    public OutOfStockException(String message) {
        super(message);
    }
}
