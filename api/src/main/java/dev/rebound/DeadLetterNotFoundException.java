package dev.rebound;

/** Raised when a dead letter operation names a message id that is not stored. */
public class DeadLetterNotFoundException extends ReboundException {

    public DeadLetterNotFoundException(String message) {
        super(message);
    }
}
