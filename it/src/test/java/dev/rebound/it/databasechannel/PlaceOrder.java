package dev.rebound.it.databasechannel;

public record PlaceOrder(String orderId) {
}
