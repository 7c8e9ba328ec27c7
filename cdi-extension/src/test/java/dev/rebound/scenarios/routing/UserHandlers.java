package dev.rebound.scenarios.routing;

import dev.rebound.CommandHandler;
import dev.rebound.EventBus;
import dev.rebound.EventHandler;
import dev.rebound.Header;
import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import dev.rebound.QueryHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

@ApplicationScoped
public class UserHandlers {

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Message> messages = new CopyOnWriteArrayList<>();

    @Inject
    EventBus events;

    @CommandHandler
    public String register(Messages.RegisterUser command, Message message) {
        messages.add(message);
        events.publish(new Messages.UserRegistered(command.name()));
        return "registered " + command.name();
    }

    @CommandHandler("user.rename")
    public String rename(Messages.Rename command, @Header("actor") String actor, MessageHeaders headers) {
        log.add("rename " + command.name() + " by " + actor + " key " + headers.routingKey());
        return "renamed " + command.name();
    }

    @QueryHandler
    public String find(Messages.FindUser query) {
        return "user " + query.name();
    }

    @QueryHandler("user.lookup")
    public String lookup(String name) {
        return "looked up " + name;
    }

    @EventHandler
    public void onRegistered(Messages.UserRegistered event, Message message) {
        messages.add(message);
        log.add("registered " + event.name());
    }

    @EventHandler
    public void onAnyUserEvent(Messages.UserEvent event) {
        log.add("user event " + event.name());
    }

    public List<String> log() {
        return log;
    }

    public List<Message> messages() {
        return messages;
    }
}
