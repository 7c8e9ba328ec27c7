package dev.rebound.jms.scenarios.atcommit;

import dev.rebound.Asynchronous;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Entries handled from queue {@code entries}; postings whose handler sends entries and fails once. */
@ApplicationScoped
public class Ledger {

    /** An entry; one whose id starts with {@code unwritable} cannot be written as JSON. */
    public record Entry(String id) {
        @Override
        public String id() {
            if (id.startsWith("unwritable")) {
                throw new IllegalStateException("entry " + id + " has no JSON form");
            }
            return id;
        }
    }

    /** Sends two entries, then fails on its first attempt. */
    public record Posting(String id) {
    }

    @Inject
    CommandBus commands;

    private final List<String> entries = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, AtomicInteger> postings = new ConcurrentHashMap<>();

    @Asynchronous("entries")
    @CommandHandler
    public void record(Entry entry) {
        entries.add(entry.id());
    }

    @Asynchronous("postings")
    @DelayedRetry(initialDelayMs = 0, maxRetries = 1)
    @CommandHandler
    public void post(Posting posting) {
        int attempt = postings.computeIfAbsent(posting.id(), k -> new AtomicInteger()).incrementAndGet();
        commands.send(new Entry(posting.id() + "-a"));
        commands.send(new Entry(posting.id() + "-b"));
        if (attempt == 1) {
            throw new IllegalStateException("posting " + posting.id() + " failed on attempt 1");
        }
    }

    public List<String> entries() {
        return List.copyOf(entries);
    }

    public int postings(String id) {
        AtomicInteger count = postings.get(id);
        return count == null ? 0 : count.get();
    }
}
