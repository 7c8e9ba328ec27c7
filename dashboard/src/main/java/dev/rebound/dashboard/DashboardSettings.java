package dev.rebound.dashboard;

import dev.rebound.ReplayOptions;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * The dashboard module's settings (MicroProfile Config), read and checked once at deployment by
 * {@link DashboardExtension}, which offers them as a bean: a bad value fails the deployment, not a request.
 *
 * @param enabled whether the admin API and page answer at all ({@code rebound.dashboard.enabled}, default false)
 * @param viewerRole the role that may read ({@code rebound.dashboard.viewer-role}, default {@code rebound-viewer})
 * @param adminRole the role that may also change ({@code rebound.dashboard.admin-role}, default {@code rebound-admin})
 * @param replayRate default messages per second of a bulk replay ({@code rebound.dashboard.replay-rate}, default 10)
 * @param reconnectGrace how long a consumer may reconnect before the readiness check says not ready
 *        ({@code rebound.health.reconnect-grace-ms}, default 5000)
 */
public record DashboardSettings(boolean enabled, String viewerRole, String adminRole, int replayRate,
                                Duration reconnectGrace) {

    public static final String ENABLED = "rebound.dashboard.enabled";
    public static final String REPLAY_RATE = "rebound.dashboard.replay-rate";
    public static final String RECONNECT_GRACE = "rebound.health.reconnect-grace-ms";

    /** Every default; after a refused setting only so that the deployment's other checks can go on. */
    static final DashboardSettings DEFAULTS = read(key -> Optional.empty());

    static DashboardSettings read(Config config) {
        return read(key -> config.getOptionalValue(key, String.class));
    }

    /** Throws {@link IllegalArgumentException} with the REBOUND message naming the first bad setting. */
    static DashboardSettings read(Function<String, Optional<String>> source) {
        boolean enabled = source.apply(ENABLED).map(String::trim).map(Boolean::parseBoolean).orElse(false);
        String viewer = source.apply("rebound.dashboard.viewer-role").map(String::trim).orElse("rebound-viewer");
        String admin = source.apply("rebound.dashboard.admin-role").map(String::trim).orElse("rebound-admin");
        String rate = source.apply(REPLAY_RATE).map(String::trim).orElse("10");
        int replayRate;
        try {
            replayRate = new ReplayOptions(Integer.parseInt(rate), false).ratePerSecond();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(DashboardDiagnostics.badReplayRate(rate), e);
        }
        return new DashboardSettings(enabled, viewer, admin, replayRate,
                reconnectGrace(source.apply(RECONNECT_GRACE).map(String::trim).orElse("5000")));
    }

    private static Duration reconnectGrace(String value) {
        try {
            long ms = Long.parseLong(value);
            if (ms >= 0) {
                return Duration.ofMillis(ms);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(DashboardDiagnostics.badReconnectGrace(RECONNECT_GRACE, value));
    }
}
