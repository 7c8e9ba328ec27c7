package dev.rebound.examples.orders.order;

import java.math.BigDecimal;

/** Command: place an order. The id is chosen by the caller, so that sending it twice places one order. */
public record PlaceOrder(String orderId, String product, BigDecimal amount) {
}
