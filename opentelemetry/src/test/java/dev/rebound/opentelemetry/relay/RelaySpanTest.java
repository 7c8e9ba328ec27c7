package dev.rebound.opentelemetry.relay;

import static dev.rebound.opentelemetry.testing.Spans.attributes;
import static dev.rebound.opentelemetry.testing.TestTelemetry.asCaller;
import static dev.rebound.opentelemetry.testing.TestTelemetry.await;
import static dev.rebound.opentelemetry.testing.TestTelemetry.span;
import static dev.rebound.opentelemetry.testing.TestTelemetry.spans;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.CommandBus;
import dev.rebound.opentelemetry.TracingInterceptor;
import dev.rebound.opentelemetry.testing.InMemoryStore;
import dev.rebound.opentelemetry.testing.TestTelemetry;
import dev.rebound.testsupport.Jta;
import dev.rebound.testsupport.ReboundTest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The combined channel "database, then queue": channel {@code letters} (in memory) has its senders write rows of the
 * database channel {@code letters-outbox}, whose relay hands them to the queue after the commit. The relay's unit is
 * one span, a root, linked to each relayed message's send; the message's own story (send, then process) stays one
 * trace across the outbox. Runs in the {@code relay} execution of surefire, the only one with the database
 * transport on the class path (elsewhere the in-memory transport is the only one, so channels need not name it).
 */
@ReboundTest(beans = {TracingInterceptor.class, TestTelemetry.class, InMemoryStore.class, Letters.class},
        tables = "rebound_message",
        config = {"rebound.channels=letters-outbox",
                "rebound.channel.letters-outbox.transport=database",
                "rebound.channel.letters-outbox.relay-to=letters",
                "rebound.channel.letters.transport=in-memory",
                "rebound.channel.letters.outbox=letters-outbox",
                "rebound.database.poll-interval-ms=60000", "rebound.database.failure-pause-ms=100",
                "rebound.database.shutdown-timeout-ms=2000"})
@EnabledIfSystemProperty(named = "rebound.test.database-transport", matches = "true")
class RelaySpanTest {

    private static final AttributeKey<String> LINK = AttributeKey.stringKey("rebound.link");
    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");

    @Inject
    CommandBus bus;
    @Inject
    Letters letters;

    @BeforeEach
    void forget() {
        TestTelemetry.reset();
    }

    @Test
    void the_relay_of_one_unit_is_a_producer_span_linked_to_each_relayed_messages_send() {
        SpanData caller = asCaller(() -> {
            try {
                Jta.inTransaction(() -> {
                    bus.send(new Letters.Post("l-1"));
                    bus.send(new Letters.Post("l-2"));
                    bus.send(new Letters.Post("l-3"));
                    return null;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> letters.posted().size() == 3);
        List<SpanData> sends = spans("send letters");
        assertThat(sends).hasSize(3).allSatisfy(send ->
                assertThat(send.getParentSpanId()).isEqualTo(caller.getSpanId()));
        // the three rows committed together: one claim, one unit, one span. The poll is a minute away, so the claim is
        // the after-commit wake-up's; a poll racing the commit could see two of the three rows (the CI run of 2751bb1)
        SpanData relay = await("relay letters-outbox", 1).get(0);
        assertThat(spans("relay letters-outbox")).hasSize(1);

        assertThat(relay.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(relay.getParentSpanContext().isValid()).isFalse();
        assertThat(relay.getTraceId()).isNotEqualTo(caller.getTraceId());
        assertThat(relay.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(attributes(relay)).containsEntry("messaging.system", "in-memory")
                .containsEntry("messaging.destination.name", "letters")
                .containsEntry("messaging.operation.name", "relay")
                .containsEntry("messaging.operation.type", "send")
                .containsEntry("messaging.batch.message_count", 3L)
                .containsEntry("rebound.relay.channel", "letters-outbox");
        Map<String, String> linked = relay.getLinks().stream().collect(Collectors.toMap(
                (LinkData l) -> l.getSpanContext().getSpanId(), l -> l.getAttributes().get(LINK)));
        assertThat(linked).isEqualTo(sends.stream().collect(Collectors.toMap(SpanData::getSpanId, s -> "relayed")));
        assertThat(relay.getLinks()).allSatisfy(link -> assertThat(link.getAttributes().get(MESSAGE_ID))
                .isEqualTo(sends.stream().filter(s -> s.getSpanId().equals(link.getSpanContext().getSpanId()))
                        .findFirst().map(s -> attributes(s).get("messaging.message.id")).orElseThrow()));

        // each message's story crosses the outbox in one trace: its process is the child of its send
        List<SpanData> processed = await("process letters", 3);
        assertThat(processed).allSatisfy(process -> {
            assertThat(process.getTraceId()).isEqualTo(caller.getTraceId());
            assertThat(sends.stream().map(SpanData::getSpanId)).contains(process.getParentSpanId());
        });
        assertThat(span("relay letters-outbox").getEndEpochNanos()).isGreaterThanOrEqualTo(relay.getStartEpochNanos());
    }
}
