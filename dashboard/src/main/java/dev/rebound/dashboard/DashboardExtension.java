package dev.rebound.dashboard;

import dev.rebound.dashboard.health.ReboundReadiness;
import dev.rebound.dashboard.metrics.ReboundMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.util.logging.Logger;

/**
 * Adds the readiness check when MicroProfile Health is there, and the metrics when the OpenTelemetry API is
 * visible to the application (MicroProfile Telemetry; on Open Liberty the application's class loader needs
 * third-party APIs). Without them the classes that use those APIs are never loaded, so the dashboard jar works
 * on any server.
 */
public class DashboardExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(DashboardExtension.class.getName());

    void addOptionalBeans(@Observes BeforeBeanDiscovery event) {
        if (visible("org.eclipse.microprofile.health.HealthCheck")) {
            event.addAnnotatedType(ReboundReadiness.class, ReboundReadiness.class.getName())
                    .add(ApplicationScoped.Literal.INSTANCE);
        } else {
            LOG.info("REBOUND-4109: MicroProfile Health is not available; Rebound's readiness check is off.");
        }
        if (visible("io.opentelemetry.api.OpenTelemetry")) {
            event.addAnnotatedType(ReboundMetrics.class, ReboundMetrics.class.getName())
                    .add(ApplicationScoped.Literal.INSTANCE);
        } else {
            LOG.info("REBOUND-4110: The OpenTelemetry API is not visible (MicroProfile Telemetry, and on Open Liberty "
                    + "apiTypeVisibility=\"+third-party\"); Rebound's metrics are off.");
        }
    }

    private boolean visible(String className) {
        try {
            Class.forName(className, false, getClass().getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
