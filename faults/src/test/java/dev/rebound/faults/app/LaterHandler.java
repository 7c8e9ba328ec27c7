package dev.rebound.faults.app;

import dev.rebound.Asynchronous;
import dev.rebound.Attempt;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import javax.sql.DataSource;

/**
 * Several nodes ({@code faults.nodes=true}): a handler whose first attempt always fails and whose one delayed retry,
 * {@value #DELAY_MS} ms later (long enough to kill the node that scheduled it before it is due), succeeds with a row
 * in {@code effect}.
 */
@ApplicationScoped
public class LaterHandler {

    public static final String CHANNEL = "later";
    public static final long DELAY_MS = 4000;

    private final DataSource dataSource;
    private final AppState state;
    private final HandlerCalls calls;

    @Inject
    public LaterHandler(DataSource dataSource, AppState state, HandlerCalls calls) {
        this.dataSource = dataSource;
        this.state = state;
        this.calls = calls;
    }

    @Asynchronous(CHANNEL)
    @DelayedRetry(initialDelayMs = DELAY_MS, maxRetries = 1, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void handle(LaterJob job, Attempt attempt) throws Exception {
        Current.KEY.set(job.key());
        calls.called(job.key(), attempt.number());
        if (attempt.number() == 1) {
            throw new IllegalStateException("job " + job.key() + " fails its first attempt");
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO effect (message_key, handler, attempt, replay, process, node) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, job.key());
            insert.setString(2, "LaterHandler#handle");
            insert.setInt(3, attempt.number());
            insert.setBoolean(4, false);
            insert.setInt(5, state.incarnation());
            insert.setString(6, state.node());
            insert.executeUpdate();
        }
    }
}
