package dev.rebound.opentelemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.opentelemetry.TracingInterceptor;
import dev.rebound.opentelemetry.testing.TestTelemetry;
import dev.rebound.testsupport.TestConfig;
import java.util.Arrays;
import java.util.Map;
import java.util.logging.Logger;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** The handler that puts the trace ids on Rebound's lines is on the dev.rebound logger while deployed, only then. */
class LogHandlerLifecycleTest {

    private static long handlers() {
        return Arrays.stream(Logger.getLogger("dev.rebound").getHandlers())
                .filter(h -> h.getClass().getSimpleName().equals("LogCorrelation")).count();
    }

    @Test
    void the_handler_is_installed_once_at_deployment_and_removed_at_shutdown() {
        TestConfig.use(Map.of());
        assertThat(handlers()).isZero();
        try (WeldContainer container = new Weld().disableDiscovery()
                .addBeanClasses(TracingInterceptor.class, TestTelemetry.class).initialize()) {
            assertThat(handlers()).isEqualTo(1);
        }
        assertThat(handlers()).isZero();
    }
}
