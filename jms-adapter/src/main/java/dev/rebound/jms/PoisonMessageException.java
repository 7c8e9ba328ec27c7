package dev.rebound.jms;

/** A message on a queue that Rebound cannot read; it goes to the dead letter with its raw body. */
public final class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String reason) {
        super(reason);
    }
}
