package dev.rebound.it.support;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** When each handler ran, by key (handler and message): what tests count and time. Thread-safe. */
@ApplicationScoped
public class Calls {

    private final Map<String, List<Instant>> calls = new ConcurrentHashMap<>();

    public void record(String key) {
        calls.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(Instant.now());
    }

    public int count(String key) {
        return times(key).size();
    }

    public List<Instant> times(String key) {
        return List.copyOf(calls.getOrDefault(key, List.of()));
    }
}
