package dev.rebound.examples.orders.order;

import java.math.BigDecimal;
import java.time.Instant;

/** An order as the REST API shows it. */
public record OrderView(String orderId, String product, BigDecimal amount, OrderStatus status,
                        String paymentReference, Instant placedAt, Instant paidAt, Instant shippedAt) {
}
