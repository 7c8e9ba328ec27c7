package dev.rebound.it.rollback;

public record PlaceOrder(String orderId) {
}
