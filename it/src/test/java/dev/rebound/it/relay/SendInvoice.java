package dev.rebound.it.relay;

public record SendInvoice(String invoiceId) {
}
