package dev.rebound.dashboard;

import dev.rebound.dashboard.health.LagLimits;
import dev.rebound.dashboard.health.ReboundReadiness;
import dev.rebound.dashboard.metrics.ReboundMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Adds the readiness check when MicroProfile Health is there, and the metrics when the OpenTelemetry API is
 * visible to the application (MicroProfile Telemetry; on Open Liberty the application's class loader needs
 * third-party APIs). Without them the classes that use those APIs are never loaded, so the dashboard jar works
 * on any server. It also reads the module's {@link DashboardSettings} once, at deployment, and offers them as a
 * bean: a bad value fails the deployment (not the first request).
 */
public class DashboardExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(DashboardExtension.class.getName());

    /** Why the settings were refused, reported when the deployment is validated; {@code null} if they were not. */
    private String settingsProblem;

    void addOptionalBeans(@Observes BeforeBeanDiscovery event) {
        if (visible("org.eclipse.microprofile.health.HealthCheck")) {
            event.addAnnotatedType(ReboundReadiness.class, ReboundReadiness.class.getName())
                    .add(ApplicationScoped.Literal.INSTANCE);
        } else {
            LOG.info(DashboardDiagnostics.noHealth());
        }
        if (visible("io.opentelemetry.api.OpenTelemetry")) {
            event.addAnnotatedType(ReboundMetrics.class, ReboundMetrics.class.getName())
                    .add(ApplicationScoped.Literal.INSTANCE);
        } else {
            LOG.info(DashboardDiagnostics.noTelemetry());
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

    void addSettings(@Observes AfterBeanDiscovery event) {
        DashboardSettings settings;
        try {
            settings = DashboardSettings.read(ConfigProvider.getConfig());
        } catch (IllegalArgumentException refused) {
            settingsProblem = refused.getMessage();
            settings = DashboardSettings.DEFAULTS;
        }
        DashboardSettings read = settings;
        event.addBean().types(DashboardSettings.class, Object.class).createWith(context -> read);
        LagLimits limits;
        try {
            Config config = ConfigProvider.getConfig();
            limits = LagLimits.read(key -> config.getOptionalValue(key, String.class), config.getPropertyNames());
        } catch (IllegalArgumentException refused) {
            settingsProblem = settingsProblem != null ? settingsProblem : refused.getMessage();
            limits = LagLimits.DEFAULTS;
        }
        LagLimits lagLimits = limits;
        event.addBean().types(LagLimits.class, Object.class).createWith(context -> lagLimits);
    }

    void refuseBadSettings(@Observes AfterDeploymentValidation event) {
        if (settingsProblem != null) {
            event.addDeploymentProblem(new DeploymentException(settingsProblem));
        }
    }
}
