package dev.rebound.dashboard.it.shop;

import dev.rebound.CommandBus;
import dev.rebound.Consumers;
import dev.rebound.DeadLetters;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** What the tests, which run outside the server, use to drive the application. Not secured: test only. */
@Path("shop")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ShopApi {

    @Inject
    CommandBus commands;
    @Inject
    Shipping shipping;
    @Inject
    Ledger ledger;
    @Inject
    DeadLetters deadLetters;
    @Inject
    Consumers consumers;

    @POST
    @Path("ship/{id}")
    public void ship(@PathParam("id") String id) {
        commands.send(new ShipOrder(id));
    }

    @POST
    @Path("carrier/{down}")
    public void carrier(@PathParam("down") boolean down) {
        shipping.carrierDown(down);
    }

    @GET
    @Path("shipped")
    public List<String> shipped() {
        return shipping.shipped();
    }

    @POST
    @Path("ledger/{id}")
    public void post(@PathParam("id") String id) {
        commands.send(new PostEntry(id));
    }

    @POST
    @Path("ledger-read-only/{value}")
    public void readOnly(@PathParam("value") boolean value) {
        ledger.readOnly(value);
    }

    @GET
    @Path("posted")
    public List<String> posted() {
        return ledger.posted();
    }

    /** Restarts the consumers, as an operator does after fixing what stopped them. */
    @POST
    @Path("restart-consumers")
    public void restartConsumers() {
        consumers.pauseAll();
        consumers.resumeAll();
    }

    /** Dead letters left by earlier test WARs (the Derby database outlives deployments). */
    @POST
    @Path("reset")
    public void reset() {
        deadLetters.deleteAll();
    }
}
