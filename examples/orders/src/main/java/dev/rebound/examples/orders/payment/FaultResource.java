package dev.rebound.examples.orders.payment;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Switches the payment provider's fault: {@code {"mode": "off" | "always" | "times" | "percent", ...}}. */
@Path("/payment-provider/fault")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class FaultResource {

    /** The request body; {@code count} goes with mode {@code times}, {@code percent} with mode {@code percent}. */
    public record FaultRequest(String mode, Integer count, Integer percent) {
    }

    @Inject
    PaymentProvider provider;

    @GET
    public Fault current() {
        return provider.fault();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response switchTo(FaultRequest request) {
        if (request == null || request.mode() == null) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Map.of("error", "send {\"mode\": \"off\" | \"always\" | \"times\" | \"percent\"}")).build();
        }
        Fault next;
        try {
            next = Fault.parse(request.mode(), request.count(), request.percent());
        } catch (IllegalArgumentException invalid) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", invalid.getMessage())).build();
        }
        provider.switchTo(next);
        return Response.ok(provider.fault()).build();
    }
}
