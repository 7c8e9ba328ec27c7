package dev.rebound.scenarios.retry;

public class TransientException extends RuntimeException {
    public TransientException(String message) {
        super(message);
    }
}
