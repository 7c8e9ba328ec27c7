package dev.rebound.scenarios.routing;

/** The messages of this scenario. */
public final class Messages {
    private Messages() {
    }

    public record RegisterUser(String name) {
    }

    public record Rename(String name) {
    }

    public record FindUser(String name) {
    }

    public interface UserEvent {
        String name();
    }

    public record UserRegistered(String name) implements UserEvent {
    }

    public record Unhandled(String value) {
    }
}
