package dev.rebound.scenarios.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.testing.Deployments;
import java.util.Map;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Annotation parameters overridden with MicroProfile Config, most specific key first. */
class ConfigOverrideTest {

    private static final String BUS = Configured.WorkBus.class.getName();
    private WeldContainer container;

    @AfterEach
    void stop() {
        if (container != null) {
            container.close();
        }
        System.getProperties().keySet().removeIf(k -> k.toString().contains("/"));
    }

    private int callsWith(Map<String, String> config) {
        container = Deployments.start(config, Configured.WorkBus.class, Configured.AlwaysFails.class);
        container.select(Configured.WorkBus.class).get().send(new Configured.Work("w"));
        return container.select(Configured.AlwaysFails.class).get().calls();
    }

    @Test
    void annotation_value_applies_without_configuration() {
        assertThat(callsWith(Map.of())).isEqualTo(2);
    }

    @Test
    void global_key_overrides_the_annotation() {
        assertThat(callsWith(Map.of("InstantRetry/maxRetries", "4"))).isEqualTo(5);
    }

    @Test
    void interface_key_overrides_the_global_key() {
        assertThat(callsWith(Map.of("InstantRetry/maxRetries", "4", BUS + "/InstantRetry/maxRetries", "2")))
                .isEqualTo(3);
    }

    @Test
    void method_key_overrides_the_interface_key() {
        assertThat(callsWith(Map.of(BUS + "/InstantRetry/maxRetries", "2", BUS + "/send/InstantRetry/maxRetries",
                "0"))).isEqualTo(1);
    }

    @Test
    void retried_exception_types_can_be_configured() {
        assertThat(callsWith(Map.of(BUS + "/InstantRetry/maxRetries", "3",
                BUS + "/InstantRetry/retryOn", IllegalArgumentException.class.getName()))).isEqualTo(1);
    }

    @Test
    void error_channel_can_be_redirected() {
        container = Deployments.start(Map.of(BUS + "/ErrorChannel/value", "audit"), Configured.WorkBus.class,
                Configured.AlwaysFails.class);
        container.select(Configured.WorkBus.class).get().send(new Configured.Work("w"));
        assertThat(container.select(Configured.AlwaysFails.class).get().audited()).hasSize(1);
    }

    @Test
    void error_channel_configured_to_nowhere_fails_deployment() {
        assertThatThrownBy(() -> Deployments.start(Map.of(BUS + "/ErrorChannel/value", "nowhere"),
                Configured.WorkBus.class, Configured.AlwaysFails.class))
                .hasStackTraceContaining("REBOUND-2002").hasStackTraceContaining("nowhere");
    }
}
