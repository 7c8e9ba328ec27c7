package dev.rebound.jms.scenarios.delayed;

import dev.rebound.spi.MessageObserver;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what observers hear about asynchronous handling. */
@ApplicationScoped
public class ObservedRetries implements MessageObserver {

    private final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void handled(String channel, String handler, long nanos) {
        events.add("handled " + channel);
    }

    @Override
    public void failed(String channel, String handler, Throwable failure, long nanos) {
        events.add("failed " + channel);
    }

    @Override
    public void retried(String channel, String handler, Retry retry) {
        events.add("retried " + channel + " " + retry);
    }

    @Override
    public void deadLettered(String channel, String handler) {
        events.add("deadLettered " + channel + " " + handler);
    }

    public List<String> events() {
        return List.copyOf(events);
    }
}
