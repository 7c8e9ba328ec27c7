package dev.rebound.faults.app;

/** The command the suite sends: its key is what the ledger counts. */
public record Work(String key) {
}
