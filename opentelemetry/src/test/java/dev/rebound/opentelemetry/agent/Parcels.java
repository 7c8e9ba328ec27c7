package dev.rebound.opentelemetry.agent;

import dev.rebound.Asynchronous;
import dev.rebound.CommandHandler;
import dev.rebound.Message;
import io.opentelemetry.api.trace.Span;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Ships parcels off a JMS queue, remembering what each call saw. */
@ApplicationScoped
public class Parcels {

    public record Ship(String id) {
    }

    /** What a handler call saw: the message's metadata and the span current in the handler. */
    public record Call(String parcel, Map<String, String> metadata, String spanId) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    @Asynchronous("parcels")
    @CommandHandler
    public void ship(Ship command, Message message) {
        calls.add(new Call(command.id(), message.headers().metadata(), Span.current().getSpanContext().getSpanId()));
    }

    public List<Call> calls(String parcel) {
        return calls.stream().filter(c -> c.parcel().equals(parcel)).toList();
    }
}
