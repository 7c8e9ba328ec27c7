package dev.rebound.dashboard;

import dev.rebound.BulkReplay;
import dev.rebound.DeadLetterCursor;
import dev.rebound.DeadLetterNotFoundException;
import dev.rebound.DeadLetterStats;
import dev.rebound.DeadLetters;
import dev.rebound.FailureGroup;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The admin API: reads on GET, changes on POST and DELETE (never on GET). Reached only through
 * {@link DashboardResource#api}, which checks access first. Documented with MicroProfile OpenAPI: on a server with
 * it (Open Liberty's {@code mpOpenAPI}) the document is at {@code /openapi}. In every JSON shape, {@code id} is the
 * id of the thing itself (a dead letter's, a bulk replay's) and {@code messageId} the failed message's.
 */
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "rebound-basic")
@Tag(name = "Rebound dead letters", description = "Failed messages: read, replay, delete; bulk replays")
@APIResponse(responseCode = "400", description = "A parameter or body that cannot be read (REBOUND-41xx, REBOUND-40xx)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.Problem.class)))
@APIResponse(responseCode = "401", description = "No user: log in (Basic)")
@APIResponse(responseCode = "403", description = "The user lacks the role, or a changing request lacks the header "
        + Access.MARKER)
public class AdminApi {

    /** The most dead letter ids one selection request may name. */
    static final int MAX_SELECTION = 1_000;

    private static final String ID = "The dead letter's id (not the failed message's messageId)";
    private static final String REPLAY_ID = "The bulk replay's id";
    private static final String CHANNEL = "The asynchronous channel the failed handler consumes from";
    private static final String HANDLER = "The failed handler's id (Class#method)";
    private static final String EXCEPTION = "The class name of the latest failure";
    private static final String FINGERPRINT = "The failure group's fingerprint";
    private static final String FROM = "First failure at or after this ISO-8601 instant";
    private static final String TO = "First failure at or before this ISO-8601 instant";

    private final Dashboard dashboard;
    private final DeadLetters deadLetters;

    AdminApi(Dashboard dashboard) {
        this.dashboard = dashboard;
        this.deadLetters = dashboard.deadLetters();
    }

    @GET
    @Path("stats")
    @Operation(summary = "Dead letters per channel, the consumers' state and the channels' backlog")
    @APIResponse(responseCode = "200", description = "The totals",
            content = @Content(schema = @Schema(implementation = Views.Stats.class)))
    public Views.Stats stats() {
        DeadLetterStats stats = deadLetters.stats();
        return new Views.Stats(stats.total(), stats.oldestFailure(),
                Views.ageSeconds(stats.oldestFailure(), dashboard.clock().instant()), stats.channels(),
                dashboard.consumers().channels(), dashboard.stoppedConsumers(),
                Views.Backlog.of(dashboard.consumers().backlog()));
    }

    @GET
    @Path("nodes")
    @Operation(summary = "The nodes on this database (the node registry), each with its consumers per channel and "
            + "its last heartbeat; this node first")
    @APIResponse(responseCode = "200", description = "The nodes",
            content = @Content(schema = @Schema(implementation = Views.NodesView.class)))
    public Views.NodesView nodes() {
        return Views.NodesView.of(dashboard.nodes(), dashboard.clock().instant());
    }

    @POST
    @Path("channels/{channel}/pause-everywhere")
    @Operation(summary = "Pauses the channel's consumers on every node: this one now, the others at their next "
            + "heartbeat (within one interval), nodes started later too")
    @APIResponse(responseCode = "200", description = "The nodes (the others show the pause after their heartbeat)",
            content = @Content(schema = @Schema(implementation = Views.NodesView.class)))
    @APIResponse(responseCode = "409", description = "No node registry (no database, REBOUND-2054)",
            content = @Content(schema = @Schema(implementation = Views.Problem.class)))
    public Response pauseEverywhere(@Parameter(description = CHANNEL) @PathParam("channel") String channel) {
        return everywhere(channel, true);
    }

    @POST
    @Path("channels/{channel}/resume-everywhere")
    @Operation(summary = "Resumes the channel's consumers on every node: this one now, the others at their next "
            + "heartbeat (within one interval)")
    @APIResponse(responseCode = "200", description = "The nodes",
            content = @Content(schema = @Schema(implementation = Views.NodesView.class)))
    @APIResponse(responseCode = "409", description = "No node registry (no database, REBOUND-2054)",
            content = @Content(schema = @Schema(implementation = Views.Problem.class)))
    public Response resumeEverywhere(@Parameter(description = CHANNEL) @PathParam("channel") String channel) {
        return everywhere(channel, false);
    }

    private Response everywhere(String channel, boolean pause) {
        try {
            return Response.ok(changeEverywhere(channel, pause)).build();
        } catch (IllegalStateException noRegistry) {
            return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new Views.Problem(noRegistry.getMessage())).build();
        }
    }

    /** Pauses or resumes the channel on every node; the nodes after. IllegalStateException without a registry. */
    Views.NodesView changeEverywhere(String channel, boolean pause) {
        if (pause) {
            dashboard.nodes().pauseEverywhere(channel);
        } else {
            dashboard.nodes().resumeEverywhere(channel);
        }
        return nodes();
    }

    @GET
    @Path("groups")
    @Operation(summary = "Failure groups: the dead letters with the same exception, handler and failure site")
    @APIResponse(responseCode = "200", description = "The groups, largest first", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = FailureGroup.class)))
    public List<FailureGroup> groups(@Parameter(description = CHANNEL) @QueryParam("channel") String channel,
                                     @Parameter(description = HANDLER) @QueryParam("handler") String handler,
                                     @Parameter(description = EXCEPTION) @QueryParam("exceptionClass")
                                     String exceptionClass,
                                     @Parameter(description = FROM) @QueryParam("from") String from,
                                     @Parameter(description = TO) @QueryParam("to") String to) {
        return deadLetters.groups(Filters.of(channel, handler, exceptionClass, null, from, to));
    }

    @GET
    @Path("dead-letters")
    @Operation(summary = "A page of dead letters, newest first")
    @APIResponse(responseCode = "200", description = "The page; next is the cursor for after",
            content = @Content(schema = @Schema(implementation = Views.Page.class)))
    public Views.Page deadLetters(@Parameter(description = CHANNEL) @QueryParam("channel") String channel,
                                  @Parameter(description = HANDLER) @QueryParam("handler") String handler,
                                  @Parameter(description = EXCEPTION) @QueryParam("exceptionClass")
                                  String exceptionClass,
                                  @Parameter(description = FINGERPRINT) @QueryParam("fingerprint") String fingerprint,
                                  @Parameter(description = FROM) @QueryParam("from") String from,
                                  @Parameter(description = TO) @QueryParam("to") String to,
                                  @Parameter(description = "The failed message's id: its dead letters, one per "
                                          + "handler that failed") @QueryParam("messageId") String messageId,
                                  @Parameter(description = "The next of the previous page") @QueryParam("after")
                                  String after,
                                  @Parameter(description = "At most this many (default 50)") @QueryParam("limit")
                                  @DefaultValue("50") int limit) {
        DeadLetterCursor cursor = after == null || after.isBlank() ? null : DeadLetterCursor.parse(after);
        return Views.Page.of(deadLetters.page(Filters.of(channel, handler, exceptionClass, fingerprint, from, to,
                messageId), cursor, limit));
    }

    @GET
    @Path("dead-letters/{id}")
    @Operation(summary = "One dead letter with everything stored: body, headers, exception chain, history")
    @APIResponse(responseCode = "200", description = "The dead letter",
            content = @Content(schema = @Schema(implementation = Views.Details.class)))
    @APIResponse(responseCode = "404", description = "No such dead letter")
    public Views.Details show(@Parameter(description = ID) @PathParam("id") UUID id) {
        return deadLetters.show(id).map(Views.Details::of).orElseThrow(NotFoundException::new);
    }

    @POST
    @Path("dead-letters/{id}/replay")
    @Operation(summary = "Replays one dead letter now: removed if its handler succeeds, kept with the new failure if not")
    @APIResponse(responseCode = "200", description = "Whether it was handled",
            content = @Content(schema = @Schema(implementation = Views.Handled.class)))
    @APIResponse(responseCode = "404", description = "No such dead letter")
    public Views.Handled replay(@Parameter(description = ID) @PathParam("id") UUID id) {
        try {
            return new Views.Handled(deadLetters.replay(id));
        } catch (DeadLetterNotFoundException gone) {
            throw new NotFoundException(gone.getMessage());
        }
    }

    @DELETE
    @Path("dead-letters/{id}")
    @Operation(summary = "Deletes one dead letter; it cannot be replayed afterwards")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such dead letter")
    public Response delete(@Parameter(description = ID) @PathParam("id") UUID id) {
        if (!deadLetters.delete(id)) {
            throw new NotFoundException();
        }
        return Response.noContent().build();
    }

    /** Replays a selection now, one by one; returns how many were handled. */
    @POST
    @Path("dead-letters/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replays the dead letters named, now, one by one (at most " + MAX_SELECTION + ")")
    @APIResponse(responseCode = "200", description = "How many were handled",
            content = @Content(schema = @Schema(implementation = Views.Count.class)))
    public Views.Count replaySelection(Views.Ids selection) {
        return new Views.Count(deadLetters.replay(ids(selection)));
    }

    @POST
    @Path("dead-letters/delete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Deletes the dead letters named (at most " + MAX_SELECTION + ")")
    @APIResponse(responseCode = "200", description = "How many were deleted",
            content = @Content(schema = @Schema(implementation = Views.Count.class)))
    public Views.Count deleteSelection(Views.Ids selection) {
        return new Views.Count(deadLetters.delete(ids(selection)));
    }

    /** Deletes a group, a filter or everything that had failed by now. */
    @POST
    @Path("deletions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Deletes a group, a filter or (all: true) everything that had failed by now")
    @APIResponse(responseCode = "200", description = "How many were deleted",
            content = @Content(schema = @Schema(implementation = Views.Count.class)))
    public Views.Count deleteMatching(Views.Selection selection) {
        return new Views.Count(deadLetters.delete(Filters.bulk(selection)));
    }

    /** Starts a bulk replay of a group, a filter or everything that had failed by now: 202 with its progress. */
    @POST
    @Path("replays")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Starts a bulk replay of a group, a filter or (all: true) everything that had failed by now")
    @APIResponse(responseCode = "202", description = "Started; its progress",
            content = @Content(schema = @Schema(implementation = BulkReplay.class)))
    @APIResponse(responseCode = "409", description = "The same selection is being replayed (REBOUND-4008)",
            content = @Content(schema = @Schema(implementation = Views.Problem.class)))
    public Response startReplay(Views.Selection selection) {
        try {
            BulkReplay started = deadLetters.replayInBackground(Filters.bulk(selection),
                    Filters.replayOptions(selection, dashboard.settings().replayRate()));
            return Response.accepted(started).build();
        } catch (IllegalStateException alreadyRunning) {
            // REBOUND-4008: the same selection is being replayed
            return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new Views.Problem(alreadyRunning.getMessage())).build();
        }
    }

    @GET
    @Path("replays")
    @Operation(summary = "The bulk replays, running and finished")
    @APIResponse(responseCode = "200", description = "Their progress", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = BulkReplay.class)))
    public List<BulkReplay> replays() {
        return deadLetters.bulkReplays();
    }

    @GET
    @Path("replays/{id}")
    @Operation(summary = "One bulk replay's progress")
    @APIResponse(responseCode = "200", description = "Its progress",
            content = @Content(schema = @Schema(implementation = BulkReplay.class)))
    @APIResponse(responseCode = "404", description = "No such bulk replay")
    public BulkReplay replayProgress(@Parameter(description = REPLAY_ID) @PathParam("id") UUID id) {
        return deadLetters.bulkReplay(id).orElseThrow(NotFoundException::new);
    }

    @POST
    @Path("replays/{id}/cancel")
    @Operation(summary = "Cancels a bulk replay after the message in hand")
    @APIResponse(responseCode = "200", description = "Whether it was still running",
            content = @Content(schema = @Schema(implementation = Views.Cancelled.class)))
    @APIResponse(responseCode = "404", description = "No such bulk replay")
    public Views.Cancelled cancel(@Parameter(description = REPLAY_ID) @PathParam("id") UUID id) {
        deadLetters.bulkReplay(id).orElseThrow(NotFoundException::new);
        return new Views.Cancelled(deadLetters.cancelBulkReplay(id));
    }

    /**
     * A selection replays or deletes in the request's thread, one by one: bounded, so that one request cannot hold
     * a thread (and the handlers) for hours. Larger sets are a filter and a bulk replay or deletion.
     */
    static List<UUID> ids(Views.Ids selection) {
        if (selection == null || selection.ids() == null || selection.ids().isEmpty()) {
            throw new IllegalArgumentException(DashboardDiagnostics.noIds());
        }
        if (selection.ids().size() > MAX_SELECTION) {
            throw new IllegalArgumentException(DashboardDiagnostics.tooManyIds(MAX_SELECTION, selection.ids().size()));
        }
        if (selection.ids().contains(null)) {
            throw new IllegalArgumentException(DashboardDiagnostics.nullId());
        }
        return selection.ids();
    }
}
