package dev.rebound.bench;

/**
 * The message of every comparison: about 1 KB of JSON on the wire.
 *
 * @param seq the message's number in its run; decides whether it fails (see {@link Work})
 */
public record Order(long seq, String orderId, String customer, String lines) {

    /** Filler that brings the JSON to about 1 KB. */
    private static final String LINES = "x".repeat(940);

    public static Order number(long seq) {
        return new Order(seq, "order-" + seq, "customer-" + (seq % 1000), LINES);
    }
}
