package dev.rebound;

/** Raised when a message is sent that no handler accepts. */
public class NoHandlerException extends ReboundException {

    public NoHandlerException(String message) {
        super(message);
    }
}
