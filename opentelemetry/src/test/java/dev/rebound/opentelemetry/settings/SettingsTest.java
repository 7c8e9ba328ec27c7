package dev.rebound.opentelemetry.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.opentelemetry.TracingInterceptor;
import dev.rebound.opentelemetry.testing.TestTelemetry;
import dev.rebound.testsupport.TestConfig;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tracing settings are checked at deployment: a mistyped mode fails it with its value, never becomes the default. */
class SettingsTest {

    @AfterEach
    void forget() {
        TestConfig.use(Map.of());
    }

    private static Weld deployment(Map<String, String> config) {
        TestConfig.use(config);
        return new Weld().disableDiscovery().addBeanClasses(TracingInterceptor.class, TestTelemetry.class);
    }

    @Test
    void an_unknown_delayed_retry_mode_fails_deployment() {
        Weld weld = deployment(Map.of("rebound.tracing.delayed-retry", "linked"));

        assertThatThrownBy(weld::initialize).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("REBOUND-2110: rebound.tracing.delayed-retry=linked is not valid: 'link' (a new trace, "
                        + "linked) or 'continue' (the same trace) is expected");
    }

    @Test
    void both_modes_in_any_case_deploy() {
        for (String mode : new String[] {"link", "Continue", " LINK "}) {
            try (WeldContainer container = deployment(Map.of("rebound.tracing.delayed-retry", mode)).initialize()) {
                assertThat(container.select(TracingInterceptor.class).get()).isNotNull();
            }
        }
    }
}
