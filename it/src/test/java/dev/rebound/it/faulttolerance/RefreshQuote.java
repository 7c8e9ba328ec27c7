package dev.rebound.it.faulttolerance;

public record RefreshQuote(String requestId) {
}
