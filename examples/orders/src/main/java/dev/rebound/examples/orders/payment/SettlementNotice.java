package dev.rebound.examples.orders.payment;

import java.math.BigDecimal;

/** Command: the payment provider says an order's money has reached the shop's account (its webhook's body). */
public record SettlementNotice(String orderId, BigDecimal amount) {
}
