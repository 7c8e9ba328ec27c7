package dev.rebound.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How Rebound reads the Java agent's JMS setting (system property, then environment, then the default). */
class JavaAgentSettingsTest {

    private static boolean jms(Map<String, String> properties, Map<String, String> environment) {
        return JavaAgent.jmsInstrumentation(properties::get, environment::get);
    }

    @Test
    void the_jms_instrumentation_is_on_unless_a_setting_turns_it_off() {
        assertThat(jms(Map.of(), Map.of())).isTrue();
        assertThat(jms(Map.of("otel.instrumentation.jms.enabled", "false"), Map.of())).isFalse();
        assertThat(jms(Map.of(), Map.of("OTEL_INSTRUMENTATION_JMS_ENABLED", "FALSE"))).isFalse();
        assertThat(jms(Map.of("otel.instrumentation.jms.enabled", "true"),
                Map.of("OTEL_INSTRUMENTATION_JMS_ENABLED", "false"))).as("the property first").isTrue();
        assertThat(jms(Map.of("otel.instrumentation.common.default-enabled", "false"), Map.of())).isFalse();
        assertThat(jms(Map.of("otel.instrumentation.common.default-enabled", "false",
                "otel.instrumentation.jms.enabled", "true"), Map.of())).isTrue();
        assertThat(jms(Map.of(), Map.of("OTEL_INSTRUMENTATION_COMMON_DEFAULT_ENABLED", "false"))).isFalse();
    }

    @Test
    void without_the_agent_the_api_is_not_the_agents() {
        assertThat(JavaAgent.isAgents(OpenTelemetry.noop())).isFalse();
    }
}
