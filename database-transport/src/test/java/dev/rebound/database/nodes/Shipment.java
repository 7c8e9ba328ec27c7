package dev.rebound.database.nodes;

/** The payload of the tests of several nodes. */
public record Shipment(String id) {
}
