package dev.rebound.opentelemetry.agent;

import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.opentelemetry.agent.AgentSpans.AgentSpan;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One parcel sent under a caller's span (the agent's SDK) and handled off the JMS queue; the spans of its trace. */
record AgentTrace(AgentSpan caller, List<AgentSpan> spans, Parcels.Call call) {

    static final String REBOUND = "dev.rebound";
    static final String AGENT_JMS = "io.opentelemetry.jms-3.0";

    /** Sends, waits for the handler and for the spans (Rebound's process span is the last to end). */
    static AgentTrace ship(CommandBus bus, Parcels parcels, AgentSpans exported, String parcel, int spans) {
        Span caller = GlobalOpenTelemetry.getTracer("test").spanBuilder("caller").startSpan();
        try (Scope ignored = caller.makeCurrent()) {
            bus.send(new Parcels.Ship(parcel));
        } finally {
            caller.end();
        }
        String trace = caller.getSpanContext().getTraceId();
        Parcels.Call call = await("the handler").atMost(Duration.ofSeconds(60))
                .until(() -> parcels.calls(parcel), calls -> calls.size() == 1).get(0);
        List<AgentSpan> found = await("the trace's spans").atMost(Duration.ofSeconds(30))
                .until(() -> exported.trace(trace), s -> s.size() >= spans);
        // a span more than expected would come in the next batches (20 ms apart): give them a second
        List<AgentSpan> settled = await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> exported.trace(trace), s -> s.size() >= found.size());
        AgentSpan root = settled.stream().filter(s -> s.name().equals("caller")).findFirst().orElseThrow();
        return new AgentTrace(root, settled, call);
    }

    List<AgentSpan> named(String name) {
        return spans.stream().filter(s -> s.name().equals(name)).toList();
    }

    AgentSpan one(String name) {
        List<AgentSpan> all = named(name);
        if (all.size() != 1) {
            throw new AssertionError("expected one span '" + name + "' in " + AgentSpans.describe(spans));
        }
        return all.get(0);
    }

    Optional<AgentSpan> byId(String spanId) {
        return spans.stream().filter(s -> s.spanId().equals(spanId)).findFirst();
    }
}
