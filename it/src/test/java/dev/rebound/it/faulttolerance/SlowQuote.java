package dev.rebound.it.faulttolerance;

public record SlowQuote(String requestId) {
}
