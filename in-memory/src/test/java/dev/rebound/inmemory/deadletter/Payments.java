package dev.rebound.inmemory.deadletter;

import dev.rebound.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** Fails while the provider is down; counts its calls. */
@ApplicationScoped
public class Payments {

    private volatile boolean down = true;
    private final AtomicInteger calls = new AtomicInteger();

    @CommandHandler
    public void charge(Charge charge) {
        calls.incrementAndGet();
        if (down) {
            throw new IllegalStateException("provider down for " + charge.orderId());
        }
    }

    public void recover() {
        down = false;
    }

    public int calls() {
        return calls.get();
    }
}
