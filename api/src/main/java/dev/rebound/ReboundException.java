package dev.rebound;

/** Base of the exceptions Rebound raises itself; messages start with a greppable {@code REBOUND-nnnn} code. */
public class ReboundException extends RuntimeException {

    public ReboundException(String message) {
        super(message);
    }

    public ReboundException(String message, Throwable cause) {
        super(message, cause);
    }
}
