package dev.rebound.it.isolation;

public record OrderShipped(String orderId) {
}
