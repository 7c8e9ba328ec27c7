package dev.rebound.jms.scenarios.perhandler;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.ErrorChannel;
import dev.rebound.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** Two asynchronous handlers of one event, each failing until healed, each counting its successful runs. */
@ApplicationScoped
public class Fanout {

    public record OrderPlaced(String id) {
    }

    private final AtomicInteger indexed = new AtomicInteger();
    private final AtomicInteger mailed = new AtomicInteger();
    private volatile boolean failing = true;

    @Asynchronous("fanout")
    @ErrorChannel(Channels.DEAD_LETTER)
    @EventHandler
    public void index(OrderPlaced event) {
        if (failing) {
            throw new IllegalStateException("search down for " + event.id());
        }
        indexed.incrementAndGet();
    }

    @Asynchronous("fanout")
    @ErrorChannel(Channels.DEAD_LETTER)
    @EventHandler
    public void mail(OrderPlaced event) {
        if (failing) {
            throw new IllegalArgumentException("mail down for " + event.id());
        }
        mailed.incrementAndGet();
    }

    public void heal() {
        failing = false;
    }

    public int indexed() {
        return indexed.get();
    }

    public int mailed() {
        return mailed.get();
    }
}
