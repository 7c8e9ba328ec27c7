package dev.rebound.scenarios.retry;

import dev.rebound.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

@ApplicationScoped
public class RetryHandlers {

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    @Inject
    InnerBus inner;

    @CommandHandler
    public void flaky(Commands.Flaky command) {
        count("flaky");
        if (command.kind().equals("transient")) {
            throw new TransientException("try again");
        }
        throw new IllegalArgumentException("bad command");
    }

    @CommandHandler
    public void outer(Commands.Outer command) {
        count("outer");
        inner.send(new Commands.Inner(command.id()));
    }

    @CommandHandler
    public void inner(Commands.Inner command) {
        count("inner");
        throw new TransientException("inner always fails");
    }

    private void count(String name) {
        calls.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
    }

    public int calls(String name) {
        return calls.getOrDefault(name, new AtomicInteger()).get();
    }
}
