package dev.rebound;

/**
 * Thrown by a handler when the command names the version of the entity it expects and the entity has moved on:
 * no retry can ever succeed, so Rebound retries it neither as an optimistic-lock conflict nor with instant or
 * delayed retries (whatever {@code rebound.retry.abort-on} says); the failure goes to the error channel or dead
 * letter at once, or to the caller of a synchronous gateway. Wrapping an optimistic-lock exception as its cause
 * is fine: this one wins.
 */
public class StaleVersionException extends ReboundException {

    public StaleVersionException(String message) {
        super(message);
    }

    public StaleVersionException(String message, Throwable cause) {
        super(message, cause);
    }
}
