package dev.rebound.dashboard.it.shop;

public record ShipOrder(String orderId) {
}
