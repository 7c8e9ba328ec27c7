package dev.rebound.nodes.app;

/** A command on channel {@code strict}, whose handler has no error policy (the final strategy STOP). */
public record StrictJob(String key) {
}
