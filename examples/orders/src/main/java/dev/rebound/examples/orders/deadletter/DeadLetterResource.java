package dev.rebound.examples.orders.deadletter;

import dev.rebound.DeadLetterNotFoundException;
import dev.rebound.DeadLetters;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The dead letter, through Rebound's {@link DeadLetters}: list, show, replay, delete. */
@Path("/dead-letters")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    @Inject
    DeadLetters deadLetters;

    @GET
    public Map<String, Object> list(@QueryParam("offset") @DefaultValue("0") int offset,
                                    @QueryParam("limit") @DefaultValue("50") int limit) {
        List<DeadLetterSummary> page = deadLetters.list(Math.max(0, offset), Math.max(1, Math.min(limit, 500)))
                .stream().map(DeadLetterSummary::of).toList();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("count", deadLetters.count());
        result.put("deadLetters", page);
        return result;
    }

    /** Everything stored about one failure, stack trace included. */
    @GET
    @Path("/{id}")
    public Response show(@PathParam("id") UUID id) {
        return deadLetters.show(id).map(letter -> Response.ok(letter).build()).orElseGet(DeadLetterResource::notFound);
    }

    /** Handles the message again; {@code replayed: false} means it failed again and the entry was updated. */
    @POST
    @Path("/{id}/replay")
    public Response replay(@PathParam("id") UUID id) {
        try {
            return Response.ok(Map.of("id", id, "replayed", deadLetters.replay(id))).build();
        } catch (DeadLetterNotFoundException gone) {
            return notFound();
        }
    }

    @POST
    @Path("/replay")
    public Map<String, Object> replayAll() {
        int replayed = deadLetters.replayAll();
        return Map.of("replayed", replayed, "remaining", deadLetters.count());
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") UUID id) {
        return deadLetters.delete(id) ? Response.noContent().build() : notFound();
    }

    private static Response notFound() {
        return Response.status(Response.Status.NOT_FOUND).entity(Map.of("error", "no such dead letter")).build();
    }
}
