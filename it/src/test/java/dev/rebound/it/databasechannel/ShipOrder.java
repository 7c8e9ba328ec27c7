package dev.rebound.it.databasechannel;

public record ShipOrder(String orderId) {
}
