package dev.rebound.examples.orders.order;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/orders")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    /** The request body of {@code POST /orders}; {@code orderId} is optional. */
    public record NewOrder(String orderId, String product, BigDecimal amount) {
    }

    @Inject
    ResilientCommandBus commands;
    @Inject
    EntityManager orders;
    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(NewOrder order) {
        if (order == null || order.product() == null || order.product().isBlank() || order.product().length() > 200
                || order.amount() == null || order.amount().signum() <= 0
                || (order.orderId() != null && (order.orderId().isBlank() || order.orderId().length() > 64))) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error",
                    "send {\"product\": \"...\", \"amount\": 12.50} and optionally \"orderId\" (up to 64 characters)"))
                    .build();
        }
        String id = order.orderId() != null ? order.orderId() : UUID.randomUUID().toString();
        BigDecimal amount = order.amount().setScale(2, RoundingMode.HALF_UP);
        if (commands.send(new PlaceOrder(id, order.product(), amount)) == null) {
            // the bus returns null when every attempt failed and the command went to the dead letter
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .entity(Map.of("orderId", id, "error", "placing the order failed; it is kept as a dead letter"))
                    .build();
        }
        return Response.created(uri.getAbsolutePathBuilder().path(id).build())
                .entity(orders.find(Order.class, id).view()).build();
    }

    @GET
    @Path("/{id}")
    public Response show(@PathParam("id") String id) {
        Order order = orders.find(Order.class, id);
        return order == null ? Response.status(Response.Status.NOT_FOUND).build() : Response.ok(order.view()).build();
    }

    @GET
    public List<OrderView> recent(@QueryParam("limit") @DefaultValue("20") int limit) {
        return orders.createQuery("select o from Order o order by o.placedAt desc", Order.class)
                .setMaxResults(Math.max(1, Math.min(limit, 200))).getResultList().stream().map(Order::view).toList();
    }
}
