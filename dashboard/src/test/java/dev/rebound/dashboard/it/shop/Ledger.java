package dev.rebound.dashboard.it.shop;

import dev.rebound.Asynchronous;
import dev.rebound.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Posts entries from queue "ledger", which has no error channel: a failure stops its consumer (strategy STOP). */
@ApplicationScoped
public class Ledger {

    private final List<String> posted = new CopyOnWriteArrayList<>();
    private volatile boolean readOnly;

    @Asynchronous("ledger")
    @CommandHandler
    public void post(PostEntry command) {
        if (readOnly) {
            throw new IllegalStateException("ledger is read-only");
        }
        posted.add(command.entryId());
    }

    public void readOnly(boolean value) {
        readOnly = value;
    }

    public List<String> posted() {
        return List.copyOf(posted);
    }
}
