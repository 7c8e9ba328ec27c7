package dev.rebound.nodes.app;

import dev.rebound.Asynchronous;
import dev.rebound.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The handler on queue {@code strict}: no error policy, so a failure takes the final strategy {@code STOP}, which
 * stops this node's consumers of the channel and leaves the message on the queue.
 */
@ApplicationScoped
public class StrictHandler {

    private final Effects effects;
    private final Plan plan;

    @Inject
    public StrictHandler(Effects effects, Plan plan) {
        this.effects = effects;
        this.plan = plan;
    }

    /** For CDI's client proxy only. */
    protected StrictHandler() {
        this(null, null);
    }

    @Asynchronous("strict")
    @CommandHandler
    public void handle(StrictJob job) {
        plan.run(job.key());
        effects.record("strict", job.key(), false);
    }
}
