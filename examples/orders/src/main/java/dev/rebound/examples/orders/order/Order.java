package dev.rebound.examples.orders.order;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** An order row. Times are epoch milliseconds, which map the same on every database and JPA provider. */
@Entity
@Table(name = "orders")
public class Order {

    @Id
    @Column(name = "order_id")
    private String orderId;

    @Column(name = "product")
    private String product;

    @Column(name = "amount")
    private BigDecimal amount;

    @Enumerated(EnumType.STRING)
    @Column(name = "status")
    private OrderStatus status;

    @Column(name = "payment_reference")
    private String paymentReference;

    @Column(name = "placed_at")
    private long placedAt;

    @Column(name = "paid_at")
    private Long paidAt;

    @Column(name = "shipped_at")
    private Long shippedAt;

    protected Order() {
        // for JPA
    }

    public Order(String orderId, String product, BigDecimal amount, Instant placedAt) {
        this.orderId = orderId;
        this.product = product;
        this.amount = amount;
        this.status = OrderStatus.PLACED;
        this.placedAt = placedAt.toEpochMilli();
    }

    public void paid(String reference, Instant when) {
        status = OrderStatus.PAID;
        paymentReference = reference;
        paidAt = when.toEpochMilli();
    }

    public void shipped(Instant when) {
        status = OrderStatus.SHIPPED;
        shippedAt = when.toEpochMilli();
    }

    public String orderId() {
        return orderId;
    }

    public BigDecimal amount() {
        return amount;
    }

    public OrderStatus status() {
        return status;
    }

    public OrderView view() {
        return new OrderView(orderId, product, amount, status, paymentReference, Instant.ofEpochMilli(placedAt),
                paidAt == null ? null : Instant.ofEpochMilli(paidAt),
                shippedAt == null ? null : Instant.ofEpochMilli(shippedAt));
    }
}
