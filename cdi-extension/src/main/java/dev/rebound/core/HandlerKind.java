package dev.rebound.core;

/** What a handler handles; decides how many handlers a message may have. */
public enum HandlerKind {
    COMMAND("command", "CommandHandler", true),
    EVENT("event", "EventHandler", false),
    QUERY("query", "QueryHandler", true),
    INTERNAL("internal", "InternalHandler", false);

    private final String noun;
    private final String annotation;
    private final boolean single;

    HandlerKind(String noun, String annotation, boolean single) {
        this.noun = noun;
        this.annotation = annotation;
        this.single = single;
    }

    public String noun() {
        return noun;
    }

    public String annotation() {
        return annotation;
    }

    /** Whether exactly one handler may claim a type or routing key. */
    public boolean single() {
        return single;
    }
}
