package dev.rebound.config;

import dev.rebound.core.Diagnostics;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

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
    private final Supplier<Iterable<String>> names;

    /**
     * @param source reads a property, empty if absent
     * @param names all property names
     */
    public ReboundConfig(Function<String, Optional<String>> source, Supplier<Iterable<String>> names) {
        this.source = source;
        this.names = names;
    }

    /** Reads from the application's MicroProfile Config. */
    public static ReboundConfig microProfile() {
        org.eclipse.microprofile.config.Config config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        return new ReboundConfig(key -> config.getOptionalValue(key, String.class), config::getPropertyNames);
    }

    /** The distinct {@code <name>} parts of properties named {@code <prefix><name>.<suffix>}. */
    public Set<String> namesUnder(String prefix) {
        Set<String> found = new TreeSet<>();
        for (String key : names.get()) {
            if (key.startsWith(prefix) && key.indexOf('.', prefix.length()) > prefix.length()) {
                found.add(key.substring(prefix.length(), key.lastIndexOf('.')));
            }
        }
        return found;
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

    /** A number property, or the default. */
    public long number(String key, long defaultValue) {
        return get(key).map(value -> {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(Diagnostics.badConfigValue(key, value, "a whole number"));
            }
        }).orElse(defaultValue);
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
