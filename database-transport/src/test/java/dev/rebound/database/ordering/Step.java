package dev.rebound.database.ordering;

/** The {@code seq}-th message of ordering key {@code key}, in the order it was sent. */
public record Step(String key, int seq) {
}
