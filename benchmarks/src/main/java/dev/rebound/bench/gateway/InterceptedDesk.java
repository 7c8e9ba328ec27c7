package dev.rebound.bench.gateway;

import dev.rebound.bench.Order;
import jakarta.enterprise.context.ApplicationScoped;

/** The same work as {@link OrderDesk}, behind the Fault Tolerance-style interceptor. */
@ApplicationScoped
public class InterceptedDesk {

    @Resilient
    public Long place(Order order) {
        return order.seq() + order.lines().length();
    }
}
