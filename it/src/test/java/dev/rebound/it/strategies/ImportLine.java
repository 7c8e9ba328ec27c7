package dev.rebound.it.strategies;

public record ImportLine(String lineId, boolean broken) {
}
