package dev.rebound.dashboard.it.shop;

public record PostEntry(String entryId) {
}
