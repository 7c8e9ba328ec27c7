package dev.rebound.dashboard;

import dev.rebound.ReplayOptions;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The dashboard's settings (MicroProfile Config), read once.
 *
 * @param enabled whether the admin API and page answer at all ({@code rebound.dashboard.enabled}, default false)
 * @param viewerRole the role that may read ({@code rebound.dashboard.viewer-role}, default {@code rebound-viewer})
 * @param adminRole the role that may also change ({@code rebound.dashboard.admin-role}, default {@code rebound-admin})
 * @param replayRate default messages per second of a bulk replay ({@code rebound.dashboard.replay-rate}, default 10)
 */
public record DashboardSettings(boolean enabled, String viewerRole, String adminRole, int replayRate) {

    public static final String ENABLED = "rebound.dashboard.enabled";

    static DashboardSettings read() {
        Config config = ConfigProvider.getConfig();
        return read(key -> config.getOptionalValue(key, String.class));
    }

    static DashboardSettings read(Function<String, Optional<String>> source) {
        boolean enabled = source.apply(ENABLED).map(String::trim).map(Boolean::parseBoolean).orElse(false);
        String viewer = source.apply("rebound.dashboard.viewer-role").map(String::trim).orElse("rebound-viewer");
        String admin = source.apply("rebound.dashboard.admin-role").map(String::trim).orElse("rebound-admin");
        String rate = source.apply("rebound.dashboard.replay-rate").map(String::trim).orElse("10");
        int replayRate;
        try {
            replayRate = new ReplayOptions(Integer.parseInt(rate), false).ratePerSecond();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("REBOUND-4101: Config property rebound.dashboard.replay-rate=" + rate
                    + " is not valid: expected a whole number of messages per second, 1 or more.", e);
        }
        return new DashboardSettings(enabled, viewer, admin, replayRate);
    }
}
