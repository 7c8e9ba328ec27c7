package dev.rebound.examples.orders.payment;

/** Event: an order is paid and can be shipped. */
public record PaymentReceived(String orderId, String paymentReference) {
}
