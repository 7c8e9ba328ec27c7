package dev.rebound.it.faulttolerance;

/** Asks for a price; {@code requestId} names the rows and calls of one test. */
public record Quote(String requestId) {
}
