package dev.rebound.it.optimisticlock;

public record IncrementLater(String counterId) {
}
