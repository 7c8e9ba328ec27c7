package dev.rebound.faults.app;

import dev.rebound.CommandBus;
import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/** Sends work, sets the fault plan, replays the dead letter. */
@Path("/")
@ApplicationScoped
@Produces(MediaType.TEXT_PLAIN)
public class ControlResource {

    private final CommandBus commands;
    private final FaultPlan plan;
    private final DeadLetters deadLetters;
    private final DatabaseHang database;

    @Inject
    public ControlResource(CommandBus commands, FaultPlan plan, DeadLetters deadLetters, DatabaseHang database) {
        this.commands = commands;
        this.plan = plan;
        this.deadLetters = deadLetters;
        this.database = database;
    }

    /** For CDI's client proxy only. */
    protected ControlResource() {
        this(null, null, null, null);
    }

    @GET
    @Path("health")
    public String health() {
        return "UP";
    }

    /** Sends {@code <prefix>-1} .. {@code <prefix>-<count>} to queue work, one message each. */
    @POST
    @Path("work")
    public String send(@QueryParam("prefix") String prefix, @QueryParam("count") int count) {
        for (int i = 1; i <= count; i++) {
            commands.send(new Work(prefix + "-" + i));
        }
        return String.valueOf(count);
    }

    /** {@code times} &lt; 0: the key always fails. */
    @POST
    @Path("plan/fail")
    public String fail(@QueryParam("key") String key, @QueryParam("times") @DefaultValue("-1") int times) {
        plan.fail(key, times);
        return "ok";
    }

    @POST
    @Path("plan/fail-all")
    public String failAll(@QueryParam("prefix") String prefix) {
        plan.failAll(prefix);
        return "ok";
    }

    @POST
    @Path("plan/heal")
    public String heal() {
        plan.heal();
        return "ok";
    }

    /** Holds the next thread that reaches the point (for this key, or any key without one) until the JVM dies. */
    @POST
    @Path("plan/hold")
    public String hold(@QueryParam("point") Point point, @QueryParam("key") String key) {
        plan.hold(point, key);
        return "ok";
    }

    /** Locks the effect and dead letter tables for {@code ms}; returns once they are locked. */
    @POST
    @Path("database/hang")
    public String hangDatabase(@QueryParam("ms") long ms) {
        database.hang(ms);
        return "ok";
    }

    @GET
    @Path("plan/reached")
    public String reached() {
        return plan.reached();
    }

    @POST
    @Path("plan/pace")
    public String pace(@QueryParam("ms") long ms) {
        plan.pace(ms);
        return "ok";
    }

    @POST
    @Path("plan/reset")
    public String reset() {
        plan.reset();
        return "ok";
    }

    /**
     * Replays, in this request's thread, the dead letters of the keys with the prefix (other scenarios' dead
     * letters stay as they are); returns how many were handled.
     */
    @POST
    @Path("dead-letters/replay")
    public String replay(@QueryParam("prefix") String prefix) {
        List<UUID> ids = deadLetters.list(0, 1000).stream()
                .filter(letter -> letter.payload() instanceof Work work && work.key().startsWith(prefix))
                .map(DeadLetter::id).toList();
        return String.valueOf(plan.replay(() -> deadLetters.replay(ids)));
    }
}
