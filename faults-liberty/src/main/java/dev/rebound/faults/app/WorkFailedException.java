package dev.rebound.faults.app;

/** The failure the fault plan injects into the handler. */
public class WorkFailedException extends RuntimeException {

    public WorkFailedException(String message) {
        super(message);
    }
}
