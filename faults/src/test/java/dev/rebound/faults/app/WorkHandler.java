package dev.rebound.faults.app;

import dev.rebound.Asynchronous;
import dev.rebound.Attempt;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The application's asynchronous handler. Its business effect is one row in {@code effect}, written through the
 * XA data source in the consumer's transaction (no unique key: a second run is a second row).
 */
@ApplicationScoped
public class WorkHandler {

    public static final String CHANNEL = "work";

    private final DataSource dataSource;
    private final TransactionManager tm;
    private final FaultPlan plan;
    private final AppState state;
    private final HandlerCalls calls;
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    @Inject
    public WorkHandler(DataSource dataSource, TransactionManager tm, FaultPlan plan, AppState state,
                       HandlerCalls calls) {
        this.dataSource = dataSource;
        this.tm = tm;
        this.plan = plan;
        this.state = state;
        this.calls = calls;
    }

    @Asynchronous(CHANNEL)
    @DelayedRetry(initialDelayMs = 300, maxRetries = 3, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void handle(Job job, Attempt reboundAttempt) throws Exception {
        Current.KEY.set(job.key());
        boolean replay = Current.REPLAYING.get();
        calls.called(job.key(), reboundAttempt.number());
        // one node: failures counted per process; several nodes: by Rebound's attempt, which travels in the message
        int attempt = state.nodes() ? reboundAttempt.number() : attempts.merge(job.key(), 1, Integer::sum);
        if (job.fails(attempt, state.healed(), state.incarnation())) {
            throw new IllegalStateException("job " + job.key() + " fails (attempt " + attempt + " in process "
                    + state.incarnation() + ")");
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO effect (message_key, handler, attempt, replay, process, node) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, job.key());
            insert.setString(2, "WorkHandler#handle");
            insert.setInt(3, attempt);
            insert.setBoolean(4, replay);
            insert.setInt(5, state.incarnation());
            insert.setString(6, state.node());
            insert.executeUpdate();
        }
        if (state.workMs() > 0) {
            Thread.sleep(state.workMs());
        }
        plan.at(replay ? Point.DURING_REPLAY : Point.MID_HANDLER, job.key());
        tm.getTransaction().registerSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    plan.at(Point.AFTER_COMMIT, job.key());
                }
            }
        });
    }
}
