package dev.rebound.config;

import dev.rebound.core.Diagnostics;
import dev.rebound.core.FailureLog;
import dev.rebound.core.OptimisticLockRetry;
import dev.rebound.core.Unrecoverable;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
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

    /**
     * Asynchronous channels that have no handler in this application (comma-separated), e.g. a queue that a
     * gateway's {@code @ErrorChannel} names; every other asynchronous channel comes from its handlers.
     */
    public static final String CHANNELS = "rebound.channels";

    private static final String MAX_RETRIES_EXPECTED = "a whole number from 0 (no retries) to 100";

    private final Function<String, Optional<String>> source;

    /**
     * @param source reads a property by its exact name, empty if absent. Properties are never enumerated: a
     *     source may list an environment variable under a name that is not its key (Open Liberty lists
     *     {@code REBOUND_CHANNEL_PAYMENTS_CONCURRENT_CONSUMERS} as {@code rebound.channel.payments.concurrent.consumers}),
     *     while a lookup by name follows MicroProfile Config's mapping rules
     *     ({@code rebound.channel.payments.concurrent-consumers} finds that variable).
     */
    public ReboundConfig(Function<String, Optional<String>> source) {
        this.source = source;
    }

    /** Reads from the application's MicroProfile Config. */
    public static ReboundConfig microProfile() {
        org.eclipse.microprofile.config.Config config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        return new ReboundConfig(key -> config.getOptionalValue(key, String.class));
    }

    /** The elements of a comma-separated property, trimmed, without empty ones. */
    public List<String> list(String key) {
        return get(key).map(value -> Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty())
                .toList()).orElse(List.of());
    }

    /** How failures are logged ({@code rebound.log.*}). */
    public FailureLog failureLog() {
        return FailureLog.of(get(FailureLog.RETRIES).orElse(null), get(FailureLog.FAILURE_DETAIL).orElse(null));
    }

    /** The config property naming this node (process) in bulk replays' progress and claims. */
    public static final String NODE = "rebound.node";

    /**
     * This node's name ({@code rebound.node}), or {@code defaultName} when it is not set.
     *
     * @throws IllegalArgumentException if it is blank, longer than 100 characters or has a '/' (REBOUND-2190)
     */
    public String node(String defaultName) {
        String value = get(NODE).map(String::strip).orElse(null);
        if (value == null) {
            return defaultName;
        }
        if (value.isEmpty() || value.length() > 100 || value.contains("/")) {
            throw new IllegalArgumentException(dev.rebound.core.Diagnostics.badNodeName(value));
        }
        return value;
    }

    /** The exceptions never retried ({@code rebound.retry.abort-on}). */
    public Unrecoverable unrecoverable() {
        return Unrecoverable.of(get(Unrecoverable.ABORT_ON).orElse(null), Unrecoverable.applicationLoader());
    }

    /**
     * The retries of optimistic-lock conflicts ({@code rebound.optimistic-lock.*}), without per handler overrides.
     *
     * @throws IllegalArgumentException with a deployment message (REBOUND-2100/2101) quoting key and value
     */
    public OptimisticLockRetry optimisticLockRetry() {
        OptimisticLockRetry d = OptimisticLockRetry.DEFAULT;
        int maxRetries = (int) lockSetting(OptimisticLockRetry.MAX_RETRIES, d.maxRetries(), 0, 100,
                MAX_RETRIES_EXPECTED);
        long initial = lockSetting(OptimisticLockRetry.INITIAL_DELAY_MS, d.initialDelayMs(), 0, 60_000,
                "a whole number of milliseconds from 0 to 60000");
        long max = lockSetting(OptimisticLockRetry.MAX_DELAY_MS, d.maxDelayMs(), 0, 60_000,
                "a whole number of milliseconds from 0 to 60000");
        if (initial > max) {
            throw new IllegalArgumentException(Diagnostics.optimisticLockDelays(initial, max));
        }
        double jitter = get(OptimisticLockRetry.JITTER).map(value -> {
            try {
                double parsed = Double.parseDouble(value);
                if (parsed >= 0 && parsed <= 1) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(Diagnostics.badOptimisticLockSetting(OptimisticLockRetry.JITTER, value,
                    "a fraction from 0 (no jitter) to 1 (full jitter)"));
        }).orElse(d.jitter());
        return new OptimisticLockRetry(maxRetries, initial, max, jitter, java.util.Map.of());
    }

    private long lockSetting(String key, long defaultValue, long min, long max, String expected) {
        return get(key).map(value -> bounded(key, value, min, max, expected)).orElse(defaultValue);
    }

    /** The whole number {@code value} of {@code key}, if within [min, max]; else a REBOUND-2100 deployment message. */
    private static long bounded(String key, String value, long min, long max, String expected) {
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(Diagnostics.badOptimisticLockSetting(key, value, expected));
    }

    /**
     * The per entry point override of the optimistic-lock retries
     * ({@code <class>[/<method>]/OptimisticLockRetry/maxRetries}), or {@code defaultValue}.
     *
     * @throws IllegalArgumentException with a deployment message (REBOUND-2100) quoting the key found and its value
     */
    public int optimisticLockOverride(Class<?> type, Method method, int defaultValue) {
        return overrideEntry(type, method, OptimisticLockRetry.OVERRIDE, "maxRetries")
                .map(found -> (int) bounded(found.key(), found.value(), 0, 100, MAX_RETRIES_EXPECTED))
                .orElse(defaultValue);
    }

    public Optional<String> get(String key) {
        return source.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    public Optional<String> defaultErrorChannel() {
        return get(DEFAULT_ERROR_CHANNEL);
    }

    /** A property found: its key (as looked up) and its trimmed value. */
    public record Entry(String key, String value) {
    }

    /** The override of an annotation parameter on a method of a type, most specific key first. */
    public Optional<String> override(Class<?> type, Method method, String annotation, String parameter) {
        return overrideEntry(type, method, annotation, parameter).map(Entry::value);
    }

    /** Like {@link #override}, with the key that was found, for messages that quote it. */
    public Optional<Entry> overrideEntry(Class<?> type, Method method, String annotation, String parameter) {
        String suffix = annotation + "/" + parameter;
        for (String key : List.of(type.getName() + "/" + method.getName() + "/" + suffix,
                type.getName() + "/" + suffix, suffix)) {
            Optional<String> value = get(key);
            if (value.isPresent()) {
                return Optional.of(new Entry(key, value.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * Fails when an annotation parameter is still configured under its former name (REBOUND-2140): a renamed key
     * that is silently ignored would be a setting silently lost.
     *
     * @throws IllegalArgumentException naming the key found and the key to use instead
     */
    public void rejectRenamed(Class<?> type, Method method, String annotation, String former, String current) {
        overrideEntry(type, method, annotation, former).ifPresent(found -> {
            throw new IllegalArgumentException(Diagnostics.renamedKey(found.key(),
                    found.key().substring(0, found.key().length() - former.length()) + current));
        });
    }

    /** Like {@link #rejectRenamed(Class, Method, String, String, String)} for a property key. */
    public void rejectRenamed(String former, String current) {
        if (get(former).isPresent()) {
            throw new IllegalArgumentException(Diagnostics.renamedKey(former, current));
        }
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
        return override(type, method, annotation, parameter, defaultValue, Integer::parseInt, "an integer");
    }

    /**
     * Like {@link #override}, the value read by {@code parse}, or {@code defaultValue} when not overridden.
     *
     * @param parse reads the value; throws {@link IllegalArgumentException} for one that is not valid
     * @param expected what a valid value is, for the message
     * @throws IllegalArgumentException a deployment message quoting the key found and its value
     */
    public <T> T override(Class<?> type, Method method, String annotation, String parameter, T defaultValue,
                          Function<String, T> parse, String expected) {
        return overrideEntry(type, method, annotation, parameter).map(found -> {
            try {
                return parse.apply(found.value());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(Diagnostics.badConfigValue(found.key(), found.value(), expected));
            }
        }).orElse(defaultValue);
    }
}
