package dev.rebound.it.instantretry;

public record ReserveStock(String reservationId) {
}
