package dev.rebound.faults.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Which message halts the application where ({@code faults.plan=MID_HANDLER=k-3,AFTER_COMMIT=k-7}). Each fault
 * fires once across restarts: a marker file in {@code fired} is created before halting, so the restarted
 * application with the same plan runs normally.
 */
public final class FaultPlan {

    private final Map<String, Point> byKey;
    private final Path fired;

    FaultPlan(String plan, Path fired) {
        this.fired = fired;
        Map<String, Point> parsed = new HashMap<>();
        if (plan != null && !plan.isBlank()) {
            for (String entry : plan.split(",")) {
                String[] pointAndKey = entry.trim().split("=", 2);
                parsed.put(pointAndKey[1], Point.valueOf(pointAndKey[0]));
            }
        }
        this.byKey = Map.copyOf(parsed);
    }

    /** Whether the plan halts at this point for this key and has not fired yet (in this or an earlier process). */
    public boolean planned(Point point, String key) {
        return key != null && byKey.get(key) == point && !Files.exists(fired.resolve(point + "-" + key));
    }

    /**
     * Marks the fault as fired for this point and key, if the plan says so and it has not fired yet: true then
     * (for faults that are not a halt of this JVM).
     */
    public boolean fire(Point point, String key) {
        if (!planned(point, key)) {
            return false;
        }
        try {
            Files.createDirectories(fired);
            Files.createFile(fired.resolve(point + "-" + key));
            return true;
        } catch (FileAlreadyExistsException done) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Halts the JVM if the plan says so for this point and key and it has not fired yet. */
    public void at(Point point, String key) {
        if (key == null || byKey.get(key) != point) {
            return;
        }
        try {
            Files.createDirectories(fired);
            Files.createFile(fired.resolve(point + "-" + key));
        } catch (FileAlreadyExistsException done) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("FAULTS-HALT " + point + " " + key);
        System.out.flush();
        Runtime.getRuntime().halt(99);
    }
}
