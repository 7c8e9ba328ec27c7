package dev.rebound.config;

import dev.rebound.core.Diagnostics;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.function.Function;

/**
 * Rebound's view of MicroProfile Config. Read at deployment only, never per call.
 *
 * <p>Annotation parameters are overridden as in MicroProfile Fault Tolerance; the first key found
 * wins: {@code <interface>/<method>/<Annotation>/<parameter>}, then
 * {@code <interface>/<Annotation>/<parameter>}, then {@code <Annotation>/<parameter>}. An override applies
 * only where the annotation is present.
 */
public final class ReboundConfig {

    /** Channel that receives failures of consumers without an error channel of their own. */
    public static final String DEFAULT_ERROR_CHANNEL = "rebound.default-error-channel";

    private final Function<String, Optional<String>> source;

    /** @param source reads a property, empty if absent */
    public ReboundConfig(Function<String, Optional<String>> source) {
        this.source = source;
    }

    /** Reads from the application's MicroProfile Config. */
    public static ReboundConfig microProfile() {
        org.eclipse.microprofile.config.Config config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        return new ReboundConfig(key -> config.getOptionalValue(key, String.class));
    }

    public Optional<String> get(String key) {
        return source.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    public Optional<String> defaultErrorChannel() {
        return get(DEFAULT_ERROR_CHANNEL);
    }

    /** The override of an annotation parameter on a method of a type, most specific key first. */
    public Optional<String> override(Class<?> type, Method method, String annotation, String parameter) {
        String suffix = annotation + "/" + parameter;
        return get(type.getName() + "/" + method.getName() + "/" + suffix)
                .or(() -> get(type.getName() + "/" + suffix))
                .or(() -> get(suffix));
    }

    /** Like {@link #override} for an int parameter, or {@code defaultValue} when not overridden. */
    public int intOverride(Class<?> type, Method method, String annotation, String parameter, int defaultValue) {
        return override(type, method, annotation, parameter).map(value -> {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(Diagnostics.badConfigValue(
                        type.getName() + "/" + annotation + "/" + parameter, value, "an integer"));
            }
        }).orElse(defaultValue);
    }
}
