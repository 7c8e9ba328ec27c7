package dev.rebound.jms.scenarios.crash;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.ErrorChannel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

@ApplicationScoped
public class Shipping {

    public record Ship(String id) {
    }

    public record Label(String id) {
    }

    private final AtomicInteger shipCalls = new AtomicInteger();
    private final AtomicInteger shipped = new AtomicInteger();
    private final AtomicInteger labelCalls = new AtomicInteger();
    private final CountDownLatch entered = new CountDownLatch(1);
    private volatile CountDownLatch release = new CountDownLatch(1);

    /** The first call hangs until released, like a handler that is running when the process dies. */
    @Asynchronous("shipping")
    @CommandHandler
    public void ship(Ship command) throws InterruptedException {
        if (shipCalls.incrementAndGet() == 1) {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            throw new IllegalStateException("interrupted by shutdown");
        }
        shipped.incrementAndGet();
    }

    @Asynchronous("labels")
    @ErrorChannel(Channels.DEAD_LETTER)
    @CommandHandler
    public void label(Label command) {
        labelCalls.incrementAndGet();
        throw new IllegalStateException("printer jammed");
    }

    public boolean awaitEntered() throws InterruptedException {
        return entered.await(10, TimeUnit.SECONDS);
    }

    public void release() {
        release.countDown();
    }

    public int shipCalls() {
        return shipCalls.get();
    }

    public int shipped() {
        return shipped.get();
    }

    public int labelCalls() {
        return labelCalls.get();
    }
}
