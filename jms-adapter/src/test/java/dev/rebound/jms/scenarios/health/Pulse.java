package dev.rebound.jms.scenarios.health;

import dev.rebound.Asynchronous;
import dev.rebound.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;

/** One asynchronous channel, so that the application has a broker to be ready for. */
@ApplicationScoped
public class Pulse {

    public record Beat(String id) {
    }

    @Asynchronous("pulse")
    @CommandHandler
    public void beat(Beat beat) {
    }
}
