package dev.rebound.dashboard;

import dev.rebound.BulkReplay;
import dev.rebound.DeadLetterCursor;
import dev.rebound.DeadLetterNotFoundException;
import dev.rebound.DeadLetterStats;
import dev.rebound.DeadLetters;
import dev.rebound.FailureGroup;
import dev.rebound.ReplayOptions;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/**
 * The admin API: reads on GET, changes on POST and DELETE (never on GET). Reached only through
 * {@link DashboardResource#api}, which checks access first.
 */
@Produces(MediaType.APPLICATION_JSON)
public class AdminApi {

    /** The most dead letter ids one selection request may name. */
    static final int MAX_SELECTION = 1_000;

    private final Dashboard dashboard;
    private final DeadLetters deadLetters;

    AdminApi(Dashboard dashboard) {
        this.dashboard = dashboard;
        this.deadLetters = dashboard.deadLetters();
    }

    @GET
    @Path("stats")
    public Views.Stats stats() {
        DeadLetterStats stats = deadLetters.stats();
        return new Views.Stats(stats.total(), stats.oldestFailure(),
                Views.ageSeconds(stats.oldestFailure(), dashboard.clock().instant()), stats.channels(),
                dashboard.consumers().channels(), dashboard.stoppedConsumers());
    }

    @GET
    @Path("groups")
    public List<FailureGroup> groups(@QueryParam("channel") String channel, @QueryParam("handler") String handler,
                                     @QueryParam("exceptionClass") String exceptionClass,
                                     @QueryParam("from") String from, @QueryParam("to") String to) {
        return deadLetters.groups(Filters.of(channel, handler, exceptionClass, null, from, to));
    }

    @GET
    @Path("dead-letters")
    public Views.Page deadLetters(@QueryParam("channel") String channel, @QueryParam("handler") String handler,
                                  @QueryParam("exceptionClass") String exceptionClass,
                                  @QueryParam("fingerprint") String fingerprint, @QueryParam("from") String from,
                                  @QueryParam("to") String to, @QueryParam("messageId") String messageId,
                                  @QueryParam("after") String after,
                                  @QueryParam("limit") @DefaultValue("50") int limit) {
        DeadLetterCursor cursor = after == null || after.isBlank() ? null : DeadLetterCursor.parse(after);
        return Views.Page.of(deadLetters.page(Filters.of(channel, handler, exceptionClass, fingerprint, from, to,
                messageId), cursor, limit));
    }

    @GET
    @Path("dead-letters/{id}")
    public Views.Details show(@PathParam("id") UUID id) {
        return deadLetters.show(id).map(Views.Details::of).orElseThrow(NotFoundException::new);
    }

    @POST
    @Path("dead-letters/{id}/replay")
    public Views.Handled replay(@PathParam("id") UUID id) {
        try {
            return new Views.Handled(deadLetters.replay(id));
        } catch (DeadLetterNotFoundException gone) {
            throw new NotFoundException(gone.getMessage());
        }
    }

    @DELETE
    @Path("dead-letters/{id}")
    public Response delete(@PathParam("id") UUID id) {
        if (!deadLetters.delete(id)) {
            throw new NotFoundException();
        }
        return Response.noContent().build();
    }

    /** Replays a selection now, one by one; returns how many were handled. */
    @POST
    @Path("dead-letters/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    public Views.Count replaySelection(Views.Ids selection) {
        return new Views.Count(deadLetters.replay(ids(selection)));
    }

    @POST
    @Path("dead-letters/delete")
    @Consumes(MediaType.APPLICATION_JSON)
    public Views.Count deleteSelection(Views.Ids selection) {
        return new Views.Count(deadLetters.delete(ids(selection)));
    }

    /** Deletes a group, a filter or everything that had failed by now. */
    @POST
    @Path("deletions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Views.Count deleteMatching(Views.Selection selection) {
        return new Views.Count(deadLetters.delete(Filters.bulk(selection)));
    }

    /** Starts a bulk replay of a group, a filter or everything that had failed by now: 202 with its progress. */
    @POST
    @Path("replays")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response startReplay(Views.Selection selection) {
        int rate = selection.ratePerSecond() == null ? dashboard.settings().replayRate() : selection.ratePerSecond();
        try {
            BulkReplay started = deadLetters.replayInBackground(Filters.bulk(selection),
                    new ReplayOptions(rate, Boolean.TRUE.equals(selection.canary())));
            return Response.accepted(started).build();
        } catch (IllegalStateException alreadyRunning) {
            // REBOUND-4008: the same selection is being replayed
            return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new Views.Problem(alreadyRunning.getMessage())).build();
        }
    }

    @GET
    @Path("replays")
    public List<BulkReplay> replays() {
        return deadLetters.bulkReplays();
    }

    @GET
    @Path("replays/{id}")
    public BulkReplay replayProgress(@PathParam("id") UUID id) {
        return deadLetters.bulkReplay(id).orElseThrow(NotFoundException::new);
    }

    @POST
    @Path("replays/{id}/cancel")
    public Views.Cancelled cancel(@PathParam("id") UUID id) {
        deadLetters.bulkReplay(id).orElseThrow(NotFoundException::new);
        return new Views.Cancelled(deadLetters.cancelBulkReplay(id));
    }

    /**
     * A selection replays or deletes in the request's thread, one by one: bounded, so that one request cannot hold
     * a thread (and the handlers) for hours. Larger sets are a filter and a bulk replay or deletion.
     */
    static List<UUID> ids(Views.Ids selection) {
        if (selection == null || selection.ids() == null || selection.ids().isEmpty()) {
            throw new IllegalArgumentException("REBOUND-4107: Send {\"ids\": [...]} with the dead letter ids to act on.");
        }
        if (selection.ids().size() > MAX_SELECTION) {
            throw new IllegalArgumentException("REBOUND-4111: A selection holds at most " + MAX_SELECTION
                    + " dead letter ids, not " + selection.ids().size() + "; to act on more, select them by a filter "
                    + "(POST replays, POST deletions).");
        }
        if (selection.ids().contains(null)) {
            throw new IllegalArgumentException("REBOUND-4113: The selection holds a null id.");
        }
        return selection.ids();
    }
}
