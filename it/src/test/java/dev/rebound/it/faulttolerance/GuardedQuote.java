package dev.rebound.it.faulttolerance;

public record GuardedQuote(String requestId) {
}
