package dev.rebound.opentelemetry;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Rebound's tracing as the application's interceptor bean: found by Rebound like every
 * {@link dev.rebound.spi.MessageInterceptor} bean, outermost (priority 100), so that its spans hold what the other
 * interceptors do. Traces with the {@link OpenTelemetry} bean when there is one (Liberty's {@code mpTelemetry-2.0}
 * has it), else with {@link GlobalOpenTelemetry} (the SDK the application set up, or the Java agent's; the no-op
 * API without either, which costs a few no-op calls per message).
 */
@Dependent
@Priority(TracingInterceptor.PRIORITY)
public class TracingInterceptor extends Tracing {

    /** Outermost, before the default priority (1000) of the application's interceptors. */
    public static final int PRIORITY = 100;

    private static final Logger LOG = Logger.getLogger(TracingInterceptor.class.getName());

    @Inject
    public TracingInterceptor(Instance<OpenTelemetry> beans) {
        this(openTelemetry(beans), configured());
    }

    /** The {@link OpenTelemetry} bean if there is one, else {@link GlobalOpenTelemetry}. */
    static OpenTelemetry openTelemetry(Instance<OpenTelemetry> beans) {
        return beans.isResolvable() ? beans.get() : GlobalOpenTelemetry.get();
    }

    /**
     * Checks the settings at deployment: Rebound makes its interceptors when the first message comes, which would be
     * late to learn of a mistyped value (a static observer, so that no interceptor is made for it). Then puts the
     * trace ids on Rebound's log lines ({@link LogCorrelation}).
     */
    static void check(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        configured();
        LogCorrelation.install();
    }

    /** Takes the log handler off the {@code dev.rebound} logger, which outlives the application. */
    static void shutdown(@Observes @BeforeDestroyed(ApplicationScoped.class) Object undeployed) {
        LogCorrelation.uninstall();
    }

    private static DelayedRetryTrace configured() {
        return DelayedRetryTrace.of(ConfigProvider.getConfig()
                .getOptionalValue(TracingNames.DELAYED_RETRY_PROPERTY, String.class).orElse(null));
    }

    private TracingInterceptor(OpenTelemetry openTelemetry, DelayedRetryTrace delayedRetry) {
        super(openTelemetry, delayedRetry);
        LOG.info(TracingDiagnostics.tracing(openTelemetry.getClass().getName(), delayedRetry));
        if (JavaAgent.isAgents(openTelemetry) && JavaAgent.jmsInstrumentation(System::getProperty, System::getenv)) {
            LOG.warning(TracingDiagnostics.agentJmsInstrumentation());
        }
    }
}
