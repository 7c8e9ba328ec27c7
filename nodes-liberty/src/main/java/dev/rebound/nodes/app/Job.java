package dev.rebound.nodes.app;

/** A command on channel {@code jobs}: its key is what the ledger counts. */
public record Job(String key) {
}
