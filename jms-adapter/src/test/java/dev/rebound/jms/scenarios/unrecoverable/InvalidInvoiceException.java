package dev.rebound.jms.scenarios.unrecoverable;

/** The same invoice fails the same way on every attempt. */
public class InvalidInvoiceException extends IllegalArgumentException {

    public InvalidInvoiceException(String message) {
        super(message);
    }
}
