package dev.rebound.scenarios.errorchannel;

import dev.rebound.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class PaymentHandler {

    private volatile IllegalStateException lastThrown;

    @CommandHandler
    public void charge(ChargeCard command) {
        lastThrown = new IllegalStateException("card declined", new java.io.IOException("gateway timeout"));
        throw lastThrown;
    }

    public IllegalStateException lastThrown() {
        return lastThrown;
    }
}
