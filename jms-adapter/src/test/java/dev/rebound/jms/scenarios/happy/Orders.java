package dev.rebound.jms.scenarios.happy;

import dev.rebound.Asynchronous;
import dev.rebound.CommandHandler;
import dev.rebound.Message;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

@ApplicationScoped
public class Orders {

    public record PlaceOrder(String id, int quantity) {
    }

    private final List<Message> handled = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();

    @Asynchronous("orders")
    @CommandHandler
    public void place(PlaceOrder command, Message message) {
        threads.add(Thread.currentThread().getName());
        handled.add(message);
    }

    public List<Message> handled() {
        return handled;
    }

    public List<String> threads() {
        return threads;
    }
}
