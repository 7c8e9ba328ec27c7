package dev.rebound.inmemory.deadletter;

public record Charge(String orderId) {
}
