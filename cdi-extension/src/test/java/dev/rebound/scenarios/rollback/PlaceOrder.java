package dev.rebound.scenarios.rollback;

public record PlaceOrder(String orderId, String product) {
}
