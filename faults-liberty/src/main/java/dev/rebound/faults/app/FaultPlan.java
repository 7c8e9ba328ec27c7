package dev.rebound.faults.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * What goes wrong, as the test asks over HTTP: which keys fail (always, or the next n runs), where one thread is
 * held until the test kills the JVM, and how slow each run is. In memory on purpose: a restart starts with no
 * plan, and the test sets what it wants again. Thread-safe.
 */
@ApplicationScoped
public class FaultPlan {

    private static final Logger LOG = Logger.getLogger(FaultPlan.class.getName());

    /** The key the current thread's handler run is about: routing and dead-lettering happen on the same thread. */
    private static final ThreadLocal<String> CURRENT_KEY = new ThreadLocal<>();
    private static final ThreadLocal<Boolean> REPLAYING = ThreadLocal.withInitial(() -> false);

    /** A point armed for one key, or for any key when {@code key} is null. */
    record Hold(Point point, String key) {
    }

    /** Remaining failures per key; negative means always. */
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Set<String> failingPrefixes = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Hold> armed = new AtomicReference<>();
    private volatile String reached = "";
    private volatile long paceMs;

    public void fail(String key, int times) {
        failures.put(key, new AtomicInteger(times < 0 ? -1 : times));
    }

    public void failAll(String prefix) {
        failingPrefixes.add(prefix);
    }

    /** No key fails any more; holds and pace are left as they are. */
    public void heal() {
        failures.clear();
        failingPrefixes.clear();
    }

    public void hold(Point point, String key) {
        reached = "";
        armed.set(new Hold(point, key));
    }

    public void pace(long ms) {
        paceMs = ms;
    }

    public void reset() {
        heal();
        armed.set(null);
        reached = "";
        paceMs = 0;
    }

    /** {@code "<point> <key>"} once a thread is held, else empty. */
    public String reached() {
        return reached;
    }

    void running(String key) {
        CURRENT_KEY.set(key);
    }

    /** The dead letter being written on this thread is about this key (the observer's point comes right after). */
    static void deadLettering(String key) {
        CURRENT_KEY.set(key);
    }

    static String currentKey() {
        return CURRENT_KEY.get();
    }

    boolean replaying() {
        return REPLAYING.get();
    }

    /** Runs a replay with the handler knowing that it is one (the {@link Point#REPLAY} point). */
    public <T> T replay(Supplier<T> replay) {
        REPLAYING.set(true);
        try {
            return replay.get();
        } finally {
            REPLAYING.set(false);
        }
    }

    boolean armed(Point point, String key) {
        Hold hold = armed.get();
        return hold != null && hold.point() == point && (hold.key() == null || hold.key().equals(key));
    }

    /** Holds this thread for good if the point is armed for this key (once: the point is disarmed). */
    void checkpoint(Point point, String key) {
        Hold hold = armed.get();
        if (hold != null && hold.point() == point && (hold.key() == null || hold.key().equals(key))
                && armed.compareAndSet(hold, null)) {
            holdUntilKilled(point, key);
        }
    }

    /** Throws if the key is meant to fail now; sleeps the pace first. */
    void run(String key) {
        long pace = paceMs;
        if (pace > 0) {
            sleep(pace);
        }
        boolean fails = failingPrefixes.stream().anyMatch(key::startsWith);
        AtomicInteger left = failures.get(key);
        if (!fails && left != null) {
            fails = left.get() < 0 || left.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0;
        }
        if (fails) {
            throw new WorkFailedException("fault plan: work " + key + " fails");
        }
    }

    private void holdUntilKilled(Point point, String key) {
        reached = point + " " + key;
        LOG.warning("FAULTS: thread " + Thread.currentThread().getName() + " held at " + point + " for " + key
                + " until the JVM is killed");
        while (true) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while held at " + point + " for " + key);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
