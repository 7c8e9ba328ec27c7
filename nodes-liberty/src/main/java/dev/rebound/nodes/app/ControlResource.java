package dev.rebound.nodes.app;

import dev.rebound.CommandBus;
import dev.rebound.Consumers;
import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.spi.ChannelStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Sends work, sets this node's plan, pauses and resumes this node's consumers, lists and replays the dead letter. */
@Path("/")
@ApplicationScoped
@Produces(MediaType.TEXT_PLAIN)
public class ControlResource {

    private static final int PAGE = 500;

    private final CommandBus commands;
    private final Plan plan;
    private final DeadLetters deadLetters;
    private final Consumers consumers;

    @Inject
    public ControlResource(CommandBus commands, Plan plan, DeadLetters deadLetters, Consumers consumers) {
        this.commands = commands;
        this.plan = plan;
        this.deadLetters = deadLetters;
        this.consumers = consumers;
    }

    /** For CDI's client proxy only. */
    protected ControlResource() {
        this(null, null, null, null);
    }

    /** This node's name. */
    @GET
    @Path("health")
    public String health() {
        return Node.NAME;
    }

    /** Sends {@code <prefix>-1} .. {@code <prefix>-<count>} to queue jobs (or strict), one message each. */
    @POST
    @Path("send")
    public String send(@QueryParam("channel") String channel, @QueryParam("prefix") String prefix,
                       @QueryParam("count") int count) {
        for (int i = 1; i <= count; i++) {
            String key = prefix + "-" + i;
            switch (channel) {
                case "jobs" -> commands.send(new Job(key));
                case "strict" -> commands.send(new StrictJob(key));
                default -> throw new IllegalArgumentException("no channel " + channel + " (jobs, strict)");
            }
        }
        return String.valueOf(count);
    }

    @POST
    @Path("plan/fail-all")
    public String failAll(@QueryParam("prefix") String prefix) {
        plan.failAll(prefix);
        return "ok";
    }

    /** How often each key with the prefix failed on this node: {@code key count} lines. */
    @GET
    @Path("plan/failures")
    public String failures(@QueryParam("prefix") String prefix) {
        StringBuilder text = new StringBuilder();
        plan.failures(prefix).forEach((key, n) -> text.append(key).append(' ').append(n).append('\n'));
        return text.toString();
    }

    @POST
    @Path("plan/heal")
    public String heal() {
        plan.heal();
        return "ok";
    }

    @POST
    @Path("plan/pace")
    public String pace(@QueryParam("ms") long ms) {
        plan.pace(ms);
        return "ok";
    }

    @POST
    @Path("consumers/pause")
    public String pause(@QueryParam("channel") String channel) {
        consumers.pause(channel);
        return state(channel);
    }

    @POST
    @Path("consumers/resume")
    public String resume(@QueryParam("channel") String channel) {
        consumers.resume(channel);
        return state(channel);
    }

    /** This node's consumers of the channel: {@code STATE live}, e.g. {@code CONSUMING 2}. */
    @GET
    @Path("consumers/status")
    public String state(@QueryParam("channel") String channel) {
        ChannelStatus status = consumers.status(channel);
        return status.state() + " " + status.live();
    }

    /**
     * The dead letters of the keys with the prefix, as this node sees the shared table:
     * {@code id key attempts=<n> <failure>}.
     */
    @GET
    @Path("dead-letters")
    public String deadLetters(@QueryParam("prefix") String prefix) {
        StringBuilder text = new StringBuilder();
        for (DeadLetter letter : letters(prefix)) {
            text.append(letter.id()).append(' ').append(((Job) letter.payload()).key()).append(" attempts=")
                    .append(letter.attempts()).append(' ').append(letter.failure().rootCauseMessage()).append('\n');
        }
        return text.toString();
    }

    /** Replays, in this request's thread on this node, the dead letters of the keys with the prefix; how many ran. */
    @POST
    @Path("dead-letters/replay")
    public String replay(@QueryParam("prefix") String prefix) {
        List<UUID> ids = letters(prefix).stream().map(DeadLetter::id).toList();
        return String.valueOf(plan.replay(() -> deadLetters.replay(ids)));
    }

    private List<DeadLetter> letters(String prefix) {
        List<DeadLetter> found = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            List<DeadLetter> page = deadLetters.list(offset, PAGE);
            page.stream().filter(letter -> letter.payload() instanceof Job job && job.key().startsWith(prefix))
                    .forEach(found::add);
            if (page.size() < PAGE) {
                return found;
            }
        }
    }
}
