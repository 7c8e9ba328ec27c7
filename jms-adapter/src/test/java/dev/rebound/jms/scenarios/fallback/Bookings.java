package dev.rebound.jms.scenarios.fallback;

import dev.rebound.Asynchronous;
import dev.rebound.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;

/** Bookings handled from queue {@code bookings}; its fallback channel {@code bookings-fallback} has no handler. */
@ApplicationScoped
public class Bookings {

    public record Book(String id) {
    }

    @Asynchronous("bookings")
    @CommandHandler
    public void book(Book book) {
        // only the queue's content matters here
    }
}
