package dev.rebound.jms.scenarios.tracecontext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.Consumers;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The W3C trace context of a message's metadata is also a top-level JMS property ({@code traceparent},
 * {@code tracestate}), where the OpenTelemetry Java agent and foreign consumers look for it; reading prefers
 * Rebound's metadata and takes the property only when the metadata has none.
 */
@ReboundTest(beans = {Parcels.Handler.class, Parcels.W3cContext.class}, profile = AsyncDeployments.Async.class)
class TraceContextPropertyTest {

    static {
        Broker.purge(Parcels.CHANNEL);
    }

    @Inject
    CommandBus commands;
    @Inject
    Consumers consumers;
    @Inject
    Parcels.Handler handler;

    @AfterEach
    void resume() {
        consumers.resume(Parcels.CHANNEL);
    }

    @Test
    void the_trace_context_is_a_jms_property_of_the_message_on_the_queue_beside_rebounds_metadata() {
        consumers.pause(Parcels.CHANNEL);

        commands.send(new Parcels.Parcel("p-1"));

        await().atMost(Duration.ofSeconds(10)).until(() -> Broker.browseProperties(Parcels.CHANNEL).size() == 1);
        Map<String, String> properties = Broker.browseProperties(Parcels.CHANNEL).get(0);
        assertThat(properties).containsEntry("traceparent", Parcels.TRACEPARENT)
                .containsEntry("tracestate", Parcels.TRACESTATE);
        assertThat(properties.get("rebound_metadata")).contains("\"traceparent\":\"" + Parcels.TRACEPARENT + "\"");

        consumers.resume(Parcels.CHANNEL);
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.received().containsKey("p-1"));
        assertThat(handler.received().get("p-1")).containsEntry("traceparent", Parcels.TRACEPARENT)
                .containsEntry("tracestate", Parcels.TRACESTATE);
    }

    @Test
    void the_metadata_wins_over_the_property_which_is_read_only_when_the_metadata_has_no_context() {
        String agents = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        send("p-2", "{\"traceparent\":\"" + Parcels.TRACEPARENT + "\"}", agents);   // both: the agent's is a copy
        send("p-3", "{\"tenant\":\"acme\"}", agents);                                  // a producer traced by the agent

        await().atMost(Duration.ofSeconds(10)).until(() -> handler.received().keySet().containsAll(
                java.util.List.of("p-2", "p-3")));
        assertThat(handler.received().get("p-2")).containsEntry("traceparent", Parcels.TRACEPARENT)
                .doesNotContainKey("tracestate");
        assertThat(handler.received().get("p-3")).containsEntry("traceparent", agents)
                .containsEntry("tracestate", "agent=1").containsEntry("tenant", "acme");
    }

    /**
     * A Rebound message as another producer writes it, with a {@code traceparent} JMS property of its own; for its
     * handler (not routed, which would send it again through the interceptor).
     */
    private static void send(String parcel, String metadata, String traceparent) {
        UUID id = UUID.randomUUID();
        Broker.sendRaw(Parcels.CHANNEL, "{\"id\":\"" + parcel + "\"}", Map.of("rebound_messageId", id.toString(),
                "rebound_correlationId", id.toString(), "rebound_timestamp", "2026-01-01T00:00:00Z",
                "rebound_payloadType", Parcels.Parcel.class.getName(), "rebound_metadata", metadata,
                "rebound_handler", Parcels.Handler.class.getName() + "#deliver",
                "traceparent", traceparent, "tracestate", "agent=1"));
    }
}
