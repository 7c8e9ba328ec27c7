package dev.rebound.dashboard.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.cdi.ReboundExtension;
import dev.rebound.dashboard.Dashboard;
import dev.rebound.dashboard.DashboardExtension;
import dev.rebound.dashboard.DashboardSettings;
import dev.rebound.dashboard.health.ReboundReadiness;
import dev.rebound.testsupport.TestConfig;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's settings are read and checked when the application deploys (Weld SE with Rebound's and the
 * dashboard's extensions): a bad value fails the deployment, naming the property and the value, instead of the
 * first request or readiness probe.
 */
class SettingsAtDeploymentTest {

    private static Weld deployment(Map<String, String> config) {
        TestConfig.use(config);
        return new Weld().disableDiscovery().addExtension(new ReboundExtension(List.of()))
                .addExtension(new DashboardExtension()).addBeanClasses(Dashboard.class);
    }

    @AfterEach
    void forgetConfig() {
        TestConfig.use(Map.of());
    }

    @Test
    void a_bad_replay_rate_fails_the_deployment() {
        assertThatThrownBy(() -> deployment(Map.of("rebound.dashboard.replay-rate", "fast")).initialize().close())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("REBOUND-4101: Config property rebound.dashboard.replay-rate=fast is not valid");
    }

    @Test
    void a_bad_reconnect_grace_fails_the_deployment() {
        assertThatThrownBy(() -> deployment(Map.of("rebound.health.reconnect-grace-ms", "-1")).initialize().close())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("REBOUND-4120: Config property rebound.health.reconnect-grace-ms=-1 is not valid");
    }

    @Test
    void a_bad_default_lag_limit_fails_the_deployment() {
        assertThatThrownBy(() -> deployment(Map.of("rebound.health.max-lag-ms", "1m")).initialize().close())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("REBOUND-4114: Config property rebound.health.max-lag-ms=1m is not valid");
    }

    @Test
    void a_bad_lag_limit_of_a_channel_fails_the_deployment() {
        assertThatThrownBy(() -> deployment(Map.of("rebound.channel.outbox.max-lag-ms", "-5")).initialize().close())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("REBOUND-4114: Config property rebound.channel.outbox.max-lag-ms=-5 is not "
                        + "valid: expected a whole number of milliseconds, 0 or more");
    }

    @Test
    void the_settings_read_at_deployment_are_those_the_beans_use() {
        try (WeldContainer container = deployment(Map.of("rebound.dashboard.enabled", "true",
                "rebound.dashboard.replay-rate", "25", "rebound.health.reconnect-grace-ms", "750")).initialize()) {
            // later config changes are not read: the settings are those of the deployment
            System.setProperty("rebound.dashboard.replay-rate", "fast");

            assertThat(container.select(Dashboard.class).get().settings())
                    .isEqualTo(new DashboardSettings(true, "rebound-viewer", "rebound-admin", 25,
                            Duration.ofMillis(750)));
            assertThat(container.select(ReboundReadiness.class, Readiness.Literal.INSTANCE).get().call().getStatus())
                    .isEqualTo(HealthCheckResponse.Status.UP);
        }
    }
}
