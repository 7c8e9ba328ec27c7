package dev.rebound.examples.orders.order;

import java.math.BigDecimal;

/** Event: an order was placed and waits for its payment. */
public record OrderPlaced(String orderId, BigDecimal amount) {
}
