package dev.rebound.nodes.app;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The handler on queue {@code jobs}, consumed by both nodes in jta mode: its business effect is one row in the
 * shared PostgreSQL written in the consumer's transaction, naming the node. A failure is retried twice, 200 ms
 * apart, through the queue (so possibly on the other node), then stored as a dead letter in the shared table.
 */
@ApplicationScoped
public class JobHandler {

    static final int RETRIES = 2;

    private final Effects effects;
    private final Plan plan;

    @Inject
    public JobHandler(Effects effects, Plan plan) {
        this.effects = effects;
        this.plan = plan;
    }

    /** For CDI's client proxy only. */
    protected JobHandler() {
        this(null, null);
    }

    @Asynchronous("jobs")
    @DelayedRetry(initialDelayMs = 200, maxRetries = RETRIES, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void handle(Job job) {
        plan.run(job.key());
        effects.record("jobs", job.key(), plan.replaying());
    }
}
