package dev.rebound.it.dedup;

public record Paid(String paymentId) {
}
