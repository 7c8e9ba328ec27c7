package dev.rebound.it.optimisticlock;

public record Increment(String counterId) {
}
