package dev.rebound.faults.app;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The handler under test, on queue {@code work} in jta mode: its business effect is one row in the handler's
 * transaction (so it commits with the acknowledgement, or not at all). A failure is retried twice, 200 ms
 * apart, through the queue, then stored as a dead letter.
 */
@ApplicationScoped
public class WorkHandler {

    static final int RETRIES = 2;

    private final Effects effects;
    private final FaultPlan plan;
    private final Commits commits;

    @Inject
    public WorkHandler(Effects effects, FaultPlan plan, Commits commits) {
        this.effects = effects;
        this.plan = plan;
        this.commits = commits;
    }

    /** For CDI's client proxy only. */
    protected WorkHandler() {
        this(null, null, null);
    }

    @Asynchronous("work")
    @DelayedRetry(initialDelayMs = 200, maxRetries = RETRIES, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void handle(Work work) {
        String key = work.key();
        plan.running(key);
        boolean replaying = plan.replaying();
        effects.record(key, replaying);
        plan.run(key);
        plan.checkpoint(Point.MID_HANDLER, key);
        if (replaying) {
            plan.checkpoint(Point.REPLAY, key);
        }
        if (plan.armed(Point.AFTER_COMMIT, key)) {
            commits.afterCommit(() -> plan.checkpoint(Point.AFTER_COMMIT, key));
        }
    }
}
