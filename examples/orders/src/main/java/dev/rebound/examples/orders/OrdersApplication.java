package dev.rebound.examples.orders;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API of the demo, under {@code /orders/api}. */
@ApplicationPath("/api")
public class OrdersApplication extends Application {
}
