package dev.rebound.nodes.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What this node's handlers do besides their effect, set by the tests over REST: fail the keys with a prefix (on
 * this node only: each node has its own plan, in memory, so a restarted node has none), and take some time per
 * message (so that a node killed under load has messages in flight).
 */
@ApplicationScoped
public class Plan {

    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final ThreadLocal<Boolean> replaying = ThreadLocal.withInitial(() -> false);
    private volatile long paceMs;

    void run(String key) {
        for (String prefix : failing) {
            if (key.startsWith(prefix)) {
                failures.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                throw new JobFailedException(key, Node.NAME);
            }
        }
        long pace = paceMs;
        if (pace > 0) {
            try {
                Thread.sleep(pace);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing " + key, e);
            }
        }
    }

    /** How often each key with the prefix failed on this node, as planned. */
    Map<String, Integer> failures(String prefix) {
        Map<String, Integer> counts = new TreeMap<>();
        failures.forEach((key, n) -> {
            if (key.startsWith(prefix)) {
                counts.put(key, n.get());
            }
        });
        return counts;
    }

    void failAll(String prefix) {
        failing.add(prefix);
    }

    void heal() {
        failing.clear();
    }

    void pace(long ms) {
        paceMs = ms;
    }

    boolean replaying() {
        return replaying.get();
    }

    /** Runs a replay with the handler knowing that it is one (its effect row says so). */
    <T> T replay(Supplier<T> replay) {
        replaying.set(true);
        try {
            return replay.get();
        } finally {
            replaying.remove();
        }
    }
}
