package dev.rebound.it.delayed;

public record ChargePayment(String paymentId) {
}
