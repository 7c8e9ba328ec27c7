package dev.rebound.jms.scenarios.brokerdown;

import dev.rebound.Asynchronous;
import dev.rebound.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Notes handled from queue {@code notes}, the channel whose sends meet a broker that is down or full. */
@ApplicationScoped
public class Journal {

    public record Note(String id) {
    }

    /** A note for channel {@code slow}, whose queue's address the tests fill. */
    public record Slow(String id) {
    }

    private final List<String> notes = new CopyOnWriteArrayList<>();

    @Asynchronous("notes")
    @CommandHandler
    public void write(Note note) {
        notes.add(note.id());
    }

    @Asynchronous("slow")
    @CommandHandler
    public void slow(Slow slow) {
        notes.add(slow.id());
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }
}
