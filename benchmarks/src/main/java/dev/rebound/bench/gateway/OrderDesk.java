package dev.rebound.bench.gateway;

import dev.rebound.CommandHandler;
import dev.rebound.bench.Order;
import jakarta.enterprise.context.ApplicationScoped;

/** The handler every side of the gateway comparison ends in; the work is deliberately tiny. */
@ApplicationScoped
public class OrderDesk {

    @CommandHandler
    public Long place(Order order) {
        return order.seq() + order.lines().length();
    }
}
