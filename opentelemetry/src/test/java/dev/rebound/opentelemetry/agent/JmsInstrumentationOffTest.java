package dev.rebound.opentelemetry.agent;

import static dev.rebound.opentelemetry.agent.AgentTrace.AGENT_JMS;
import static dev.rebound.opentelemetry.agent.AgentTrace.REBOUND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.CommandBus;
import dev.rebound.opentelemetry.TracingInterceptor;
import dev.rebound.opentelemetry.agent.AgentSpans.AgentSpan;
import dev.rebound.testsupport.LogRecords;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The rule Rebound documents for the OpenTelemetry Java agent: its JMS instrumentation off
 * ({@code otel.instrumentation.jms.enabled=false}, surefire's execution "agent-jms-off"): Rebound's spans on the
 * agent's SDK are the message's only messaging spans, and no warning.
 */
@EnabledIfSystemProperty(named = "rebound.test.agent", matches = "jms-off",
        disabledReason = "only under the Java agent, in surefire's execution 'agent-jms-off'")
@ReboundTest(beans = {TracingInterceptor.class, AgentBroker.class, Parcels.class}, config = {
        "rebound.jms.transactions=local", "rebound.jms.receive-timeout-ms=100", "rebound.jms.failure-pause-ms=100",
        "rebound.jms.shutdown-timeout-ms=5000", "rebound.jms.send-timeout-ms=60000"})
class JmsInstrumentationOffTest {

    private static final AgentSpans EXPORTED = AgentSpans.install();

    @Inject
    CommandBus bus;

    @Inject
    Parcels parcels;

    @BeforeEach
    void forget() {
        EXPORTED.reset();
        AgentBroker.clear();
    }

    @Test
    void one_send_and_one_process_span_per_message_on_the_agents_sdk() {
        try (LogRecords log = LogRecords.capture()) {
            AgentTrace trace = AgentTrace.ship(bus, parcels, EXPORTED, "p-off", 3);

            assertThat(trace.spans()).as("%s", AgentSpans.describe(trace.spans())).hasSize(3)
                    .noneMatch(s -> s.scope().equals(AGENT_JMS));
            AgentSpan send = trace.one("send parcels");
            AgentSpan process = trace.one("process parcels");
            assertThat(send.scope()).isEqualTo(REBOUND);
            assertThat(send.kind()).isEqualTo("PRODUCER");
            assertThat(send.parentId()).isEqualTo(trace.caller().spanId());
            assertThat(process.scope()).isEqualTo(REBOUND);
            assertThat(process.kind()).isEqualTo("CONSUMER");
            assertThat(process.parentId()).isEqualTo(send.spanId());
            assertThat(trace.call().spanId()).isEqualTo(process.spanId());
            // one traceparent: Rebound's, in the JMS property as the broker got it and in its metadata
            assertThat(AgentBroker.traceparents()).singleElement().asString().contains(send.spanId());
            assertThat(trace.call().metadata().get("traceparent")).contains(send.spanId());

            assertThat(log.messages("REBOUND-1060")).singleElement().asString()
                    .contains("io.opentelemetry.javaagent.");
            assertThat(log.messages("REBOUND-1063")).isEmpty();
        }
    }
}
