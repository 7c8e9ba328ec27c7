package dev.rebound.it.strategies;

import dev.rebound.Asynchronous;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.it.support.Calls;
import dev.rebound.it.support.Fault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** No error channel and the default final failure strategy, STOP. */
@ApplicationScoped
public class Ledger {

    @Inject
    Calls calls;
    @Inject
    Fault fault;
    @Inject
    CommandBus commands;

    @Asynchronous("ledger")
    @CommandHandler
    public void post(PostEntry entry) {
        calls.record(entry.entryId());
        fault.call("ledger database is read-only");
    }

    public void submit(String entryId) {
        commands.send(new PostEntry(entryId));
    }
}
