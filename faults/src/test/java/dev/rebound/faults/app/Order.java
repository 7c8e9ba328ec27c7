package dev.rebound.faults.app;

/** The command of the outbox flow: sent in a business transaction through the outbox, handled from the queue. */
public record Order(String key) {
}
