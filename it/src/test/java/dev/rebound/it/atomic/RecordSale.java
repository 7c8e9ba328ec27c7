package dev.rebound.it.atomic;

public record RecordSale(String saleId) {
}
