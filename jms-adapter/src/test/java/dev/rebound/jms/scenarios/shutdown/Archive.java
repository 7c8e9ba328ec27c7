package dev.rebound.jms.scenarios.shutdown;

import dev.rebound.Asynchronous;
import dev.rebound.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A handler that writes a row (once per id: in local mode a run that outlived stop may have committed it) and
 * then, the first time, blocks until interrupted, swallows the interrupt and
 * returns normally, as a handler stuck on a slow call would: its work must not commit after stop.
 */
@ApplicationScoped
public class Archive {

    public static final String CHANNEL = "shutdown-archive";

    public record File(String id) {
    }

    @Inject
    DataSource dataSource;

    private final AtomicInteger calls = new AtomicInteger();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch interrupted = new CountDownLatch(1);

    @Asynchronous(CHANNEL)
    @CommandHandler
    public void file(File command) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO archived (id) VALUES (?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, command.id());
            insert.executeUpdate();
        }
        if (calls.incrementAndGet() == 1) {
            entered.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        }
    }

    public boolean awaitEntered() throws InterruptedException {
        return entered.await(10, TimeUnit.SECONDS);
    }

    public boolean wasInterrupted() {
        return interrupted.getCount() == 0;
    }

    public int calls() {
        return calls.get();
    }
}
