package dev.rebound.it.poison;

import dev.rebound.Asynchronous;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.it.support.Calls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

@ApplicationScoped
public class Inbox {

    @Inject
    Calls calls;
    @Inject
    CommandBus commands;

    @Asynchronous("inbox")
    @CommandHandler
    public void receive(Note note) {
        calls.record(note.noteId());
    }

    public void post(Note note) {
        commands.send(note);
    }
}
