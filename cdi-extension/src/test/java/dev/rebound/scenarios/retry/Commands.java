package dev.rebound.scenarios.retry;

/** The commands of this scenario. */
public final class Commands {
    private Commands() {
    }

    public record Flaky(String kind) {
    }

    public record Outer(String id) {
    }

    public record Inner(String id) {
    }
}
