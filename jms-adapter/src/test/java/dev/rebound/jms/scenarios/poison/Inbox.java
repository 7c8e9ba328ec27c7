package dev.rebound.jms.scenarios.poison;

import dev.rebound.Asynchronous;
import dev.rebound.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

@ApplicationScoped
public class Inbox {

    public record Note(String text) {
    }

    private final List<Note> received = new CopyOnWriteArrayList<>();

    @Asynchronous("inbox")
    @CommandHandler
    public void note(Note note) {
        received.add(note);
    }

    public List<Note> received() {
        return received;
    }
}
