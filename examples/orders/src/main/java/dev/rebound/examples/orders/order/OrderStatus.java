package dev.rebound.examples.orders.order;

public enum OrderStatus {
    PLACED, PAID, SHIPPED
}
