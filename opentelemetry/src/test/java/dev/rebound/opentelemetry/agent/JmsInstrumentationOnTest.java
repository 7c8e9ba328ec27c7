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
 * Rebound's JMS transport on embedded Artemis under the OpenTelemetry Java agent with its JMS instrumentation on
 * (surefire's execution "agent"): what the agent adds to Rebound's spans, and Rebound's warning.
 */
@EnabledIfSystemProperty(named = "rebound.test.agent", matches = "jms-on",
        disabledReason = "only under the Java agent, in surefire's execution 'agent'")
@ReboundTest(beans = {TracingInterceptor.class, AgentBroker.class, Parcels.class}, config = {
        "rebound.jms.transactions=local", "rebound.jms.receive-timeout-ms=100", "rebound.jms.failure-pause-ms=100",
        "rebound.jms.shutdown-timeout-ms=5000", "rebound.jms.send-timeout-ms=60000"})
class JmsInstrumentationOnTest {

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
    void the_agent_adds_a_publish_and_a_receive_span_and_its_own_traceparent_and_rebound_warns() {
        try (LogRecords log = LogRecords.capture()) {
            AgentTrace trace = AgentTrace.ship(bus, parcels, EXPORTED, "p-on", 5);

            AgentSpan send = trace.one("send parcels");
            AgentSpan process = trace.one("process parcels");
            AgentSpan publish = trace.one("parcels publish");
            AgentSpan receive = trace.one("parcels receive");
            assertThat(trace.spans()).as("%s", AgentSpans.describe(trace.spans())).hasSize(5);
            // Rebound's: send under the caller, process under the send, the handler under the process
            assertThat(send.scope()).isEqualTo(REBOUND);
            assertThat(send.kind()).isEqualTo("PRODUCER");
            assertThat(send.parentId()).isEqualTo(trace.caller().spanId());
            assertThat(process.scope()).isEqualTo(REBOUND);
            assertThat(process.kind()).isEqualTo("CONSUMER");
            assertThat(process.parentId()).isEqualTo(send.spanId());
            assertThat(trace.call().spanId()).isEqualTo(process.spanId());
            // the agent's: publish beside Rebound's send (Rebound's span has ended when the transport sends), its
            // traceparent in the JMS property (replacing Rebound's), so its receive hangs under its publish
            assertThat(publish.scope()).isEqualTo(AGENT_JMS);
            assertThat(publish.kind()).isEqualTo("PRODUCER");
            assertThat(publish.parentId()).isEqualTo(trace.caller().spanId());
            assertThat(receive.scope()).isEqualTo(AGENT_JMS);
            assertThat(receive.kind()).isEqualTo("CONSUMER");
            assertThat(receive.parentId()).isEqualTo(publish.spanId());
            // two traceparents: the broker got the agent's in the JMS property, Rebound's metadata keeps Rebound's
            assertThat(AgentBroker.traceparents()).singleElement().asString().contains(publish.spanId());
            assertThat(trace.call().metadata().get("traceparent")).contains(send.spanId());

            assertThat(log.messages("REBOUND-1060")).singleElement().asString()
                    .contains("io.opentelemetry.javaagent.");
            assertThat(log.messages("REBOUND-1063")).singleElement().asString()
                    .contains("otel.instrumentation.jms.enabled=false");
        }
    }
}
