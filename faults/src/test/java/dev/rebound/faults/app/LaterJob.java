package dev.rebound.faults.app;

/** The command of {@link LaterHandler}: fails its first attempt, succeeds on its delayed retry. */
public record LaterJob(String key) {
}
