package dev.rebound.dashboard.health;

import dev.rebound.dashboard.DashboardDiagnostics;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * How long the oldest due message of a channel whose transport measures its backlog (a database channel, a relay)
 * may wait before the readiness check says the node is not ready: {@code rebound.channel.<c>.max-lag-ms}, else
 * {@code rebound.health.max-lag-ms} (default 60000); 0 turns the check off. Read and checked at deployment by
 * {@link dev.rebound.dashboard.DashboardExtension}: a bad value fails the deployment.
 *
 * @param byDefault the limit of channels without their own; {@link Duration#ZERO}: none
 * @param channels the channels' own limits
 */
public record LagLimits(Duration byDefault, Map<String, Duration> channels) {

    public static final String DEFAULT = "rebound.health.max-lag-ms";
    static final String PREFIX = "rebound.channel.";
    static final String SUFFIX = ".max-lag-ms";
    static final long DEFAULT_MS = 60_000;

    /** The defaults; after a refused setting only so that the deployment's other checks can go on. */
    public static final LagLimits DEFAULTS = new LagLimits(Duration.ofMillis(DEFAULT_MS), Map.of());

    public LagLimits {
        channels = Map.copyOf(channels);
    }

    /** The channel's limit; {@link Duration#ZERO} when it has none. */
    public Duration of(String channel) {
        return channels.getOrDefault(channel, byDefault);
    }

    /** The property that sets the channel's limit as it applies (its own, or the default), for the check's data. */
    String property(String channel) {
        return channels.containsKey(channel) ? PREFIX + channel + SUFFIX : DEFAULT;
    }

    /**
     * Reads the limits from {@code source}, the channels' from the property {@code names} of the form
     * {@code rebound.channel.<c>.max-lag-ms}; throws {@link IllegalArgumentException} with the REBOUND message
     * naming the first bad one.
     */
    public static LagLimits read(Function<String, Optional<String>> source, Iterable<String> names) {
        Duration byDefault = millis(DEFAULT, source.apply(DEFAULT).orElse(String.valueOf(DEFAULT_MS)));
        Map<String, Duration> channels = new TreeMap<>();
        for (String name : names) {
            if (name.startsWith(PREFIX) && name.endsWith(SUFFIX) && name.length() > PREFIX.length() + SUFFIX.length()) {
                String channel = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
                channels.put(channel, millis(name, source.apply(name).orElse("")));
            }
        }
        return new LagLimits(byDefault, channels);
    }

    private static Duration millis(String property, String value) {
        try {
            long ms = Long.parseLong(value.trim());
            if (ms >= 0) {
                return Duration.ofMillis(ms);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(DashboardDiagnostics.badMaxLag(property, value));
    }
}
