package dev.rebound.it.strategies;

public record PostEntry(String entryId) {
}
