package dev.rebound.it.strategies;

import dev.rebound.Asynchronous;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.it.support.Calls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** No error channel: a failure goes to the consumer's final failure strategy (IGNORE, by configuration). */
@ApplicationScoped
public class Imports {

    @Inject
    Calls calls;
    @Inject
    CommandBus commands;

    @Asynchronous("imports")
    @CommandHandler
    public void importLine(ImportLine line) {
        calls.record(line.lineId());
        if (line.broken()) {
            throw new IllegalArgumentException("cannot parse line " + line.lineId());
        }
    }

    public void submit(ImportLine line) {
        commands.send(line);
    }
}
