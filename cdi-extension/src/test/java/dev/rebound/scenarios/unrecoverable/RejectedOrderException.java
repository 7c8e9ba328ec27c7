package dev.rebound.scenarios.unrecoverable;

/** A failure that the same command meets on every attempt: retrying it is wasted work. */
public class RejectedOrderException extends IllegalStateException {

    public RejectedOrderException(String message) {
        super(message);
    }
}
