package dev.rebound.scenarios.eventrouting;

import dev.rebound.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

public final class Shop {
    private Shop() {
    }

    public record OrderPlaced(String id) {
    }

    /** One handler subscribed by the event's type, one by a routing key, for the same event class. */
    @ApplicationScoped
    public static class Subscribers {
        private final List<String> calls = new CopyOnWriteArrayList<>();

        @EventHandler
        public void byType(OrderPlaced event) {
            calls.add("type " + event.id());
        }

        @EventHandler("order.placed")
        public void byKey(OrderPlaced event) {
            calls.add("key " + event.id());
        }

        public List<String> calls() {
            return calls;
        }
    }
}
