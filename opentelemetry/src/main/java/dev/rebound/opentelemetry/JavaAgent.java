package dev.rebound.opentelemetry;

import io.opentelemetry.api.OpenTelemetry;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * What Rebound knows of the OpenTelemetry Java agent, looked at once, when the interceptor is made (never per
 * message): whether the {@link OpenTelemetry} it traces with is the agent's (the agent's bridge of the application's
 * {@code GlobalOpenTelemetry}), and whether the agent's JMS instrumentation is on, as the agent's settings say
 * (system property first, then the environment; {@code otel.instrumentation.common.default-enabled} when the JMS one
 * is not set; the agent's configuration file is not read).
 */
final class JavaAgent {

    /** The package of the agent's classes, its bridge of the OpenTelemetry API among them. */
    static final String PACKAGE = "io.opentelemetry.javaagent.";
    static final String JMS_ENABLED = "otel.instrumentation.jms.enabled";
    static final String DEFAULT_ENABLED = "otel.instrumentation.common.default-enabled";

    private JavaAgent() {
    }

    /** Whether this is the agent's OpenTelemetry (what {@code GlobalOpenTelemetry.get()} gives under the agent). */
    static boolean isAgents(OpenTelemetry openTelemetry) {
        return openTelemetry.getClass().getName().startsWith(PACKAGE);
    }

    /** Whether the agent's JMS instrumentation is on (it is by default). */
    static boolean jmsInstrumentation(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String jms = setting(JMS_ENABLED, properties, environment);
        if (jms == null) {
            jms = setting(DEFAULT_ENABLED, properties, environment);
        }
        return jms == null || !"false".equalsIgnoreCase(jms.trim());
    }

    private static String setting(String name, UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String value = properties.apply(name);
        return value != null ? value : environment.apply(name.toUpperCase(Locale.ROOT).replace('.', '_')
                .replace('-', '_'));
    }
}
