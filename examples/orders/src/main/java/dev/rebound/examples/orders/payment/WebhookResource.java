package dev.rebound.examples.orders.payment;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The payment provider's webhook: {@code POST /payment-provider/webhook} with the header {@code Webhook-Id} (the
 * provider's delivery id, the same on every re-delivery) and {@code {"orderId": "...", "amount": 12.5}}. It answers
 * 202 as soon as the notice is on the queue; {@code GET /payment-provider/webhook/{orderId}} counts the bookings.
 */
@Path("/payment-provider/webhook")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    @Inject
    PaymentWebhooks webhooks;
    @Inject
    Settlements settlements;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response receive(@HeaderParam("Webhook-Id") String webhookId, SettlementNotice notice) {
        if (webhookId == null || webhookId.isBlank() || webhookId.length() > 200 || notice == null
                || notice.orderId() == null || notice.orderId().isBlank() || notice.amount() == null) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error",
                    "send the header Webhook-Id and {\"orderId\": \"...\", \"amount\": 12.50}")).build();
        }
        webhooks.settled(notice, webhookId);
        return Response.accepted(Map.of("webhookId", webhookId)).build();
    }

    @GET
    @Path("/{orderId}")
    public Map<String, Object> booked(@PathParam("orderId") String orderId) {
        return Map.of("orderId", orderId, "settlements", settlements.count(orderId));
    }
}
