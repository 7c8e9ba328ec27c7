package dev.rebound.it.tracingrelay;

import dev.rebound.Asynchronous;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.it.support.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Letters posted asynchronously on the JMS channel {@value #CHANNEL} (the engine's queue {@value #QUEUE}), whose
 * senders go through the outbox {@value #OUTBOX}: a post is a row written in the sender's transaction and relayed to
 * the queue after the commit.
 */
@ApplicationScoped
public class Letters {

    static final String CHANNEL = "letters";
    static final String OUTBOX = "itLettersOutbox";
    static final String QUEUE = "itTracingRelay";

    public record Post(String id) {
    }

    @Inject
    Rows rows;
    @Inject
    CommandBus commands;

    /** One business transaction posting {@code ids.length} letters. */
    @Transactional
    public void postAll(String... ids) {
        for (String id : ids) {
            commands.send(new Post(id));
        }
    }

    @Asynchronous(CHANNEL)
    @CommandHandler
    public void post(Post command) {
        rows.insert(command.id(), "letters");
    }
}
