package dev.rebound.inmemory.ordering;

import dev.rebound.Asynchronous;
import dev.rebound.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;

/** An asynchronous handler on channel {@code lines}, carried by the in-memory transport. */
@ApplicationScoped
public class Lines {

    public record AddLine(String orderId, String sku) {
    }

    @Asynchronous("lines")
    @CommandHandler
    public void add(AddLine line) {
    }
}
