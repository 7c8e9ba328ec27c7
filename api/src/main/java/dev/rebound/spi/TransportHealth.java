package dev.rebound.spi;

/**
 * Whether a transport's broker or store answers, as its readiness check publishes it.
 *
 * @param up whether it answers
 * @param detail why not, for the readiness check's data: an exception type and a REBOUND code, never an
 *               exception's message (which may quote payload data); {@code null} when up
 */
public record TransportHealth(boolean up, String detail) {

    public static final TransportHealth UP = new TransportHealth(true, null);

    public static TransportHealth down(String detail) {
        return new TransportHealth(false, detail);
    }
}
