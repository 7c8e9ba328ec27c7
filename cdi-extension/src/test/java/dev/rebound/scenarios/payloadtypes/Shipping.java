package dev.rebound.scenarios.payloadtypes;

/** Payload types as handlers declare them: a sealed hierarchy, and a plain class with a subclass. */
public final class Shipping {
    private Shipping() {
    }

    public sealed interface Shipment permits Parcel, Pallet {
    }

    public record Parcel(String id) implements Shipment {
    }

    public record Pallet(String id) implements Shipment {
    }

    public static class Invoice {
    }

    public static class CreditNote extends Invoice {
    }
}
