package dev.rebound.inmemory;

import dev.rebound.spi.TransportSettings;

/**
 * The in-memory transport's configuration ({@code rebound.in-memory.*}), read once at deployment.
 *
 * <ul>
 *   <li>{@code capacity}: messages a channel holds at most, waiting, delayed and in flight (default 10000); a
 *       send to a full channel fails (REBOUND-3060) instead of blocking. {@code rebound.channel.<c>.capacity}
 *       overrides it for one channel.</li>
 *   <li>{@code max-deliveries}: a message taken this often without being settled is stored as a dead letter
 *       without running its handler again (default 5, at least 2), so that nothing loops forever</li>
 *   <li>{@code failure-pause-ms}: delay before a released message (or one whose outcome could not be carried
 *       out) is taken again (default 1000), doubled per failure in a row up to {@code max-pause-ms}</li>
 *   <li>{@code max-pause-ms}: the longest such pause (default 30000)</li>
 *   <li>{@code resend-delay-ms}, {@code max-resends}: the final failure strategy {@code RESEND} (defaults 1000
 *       and 10), the delay doubled per re-send</li>
 *   <li>{@code poll-ms}: how long a consumer waits for a message before it looks whether it must stop (default 100)</li>
 *   <li>{@code shutdown-timeout-ms}: how long stopping waits for in-flight handlers (default 30000)</li>
 * </ul>
 */
record InMemorySettings(int capacity, int maxDeliveries, long failurePauseMs, long maxPauseMs, long resendDelayMs,
                        int maxResends, long pollMs, long shutdownTimeoutMs) {

    static InMemorySettings read(TransportSettings settings) {
        return new InMemorySettings(
                (int) atLeast(settings, "capacity", 10_000, 1),
                (int) atLeast(settings, "max-deliveries", 5, 2),
                atLeast(settings, "failure-pause-ms", 1000, 0),
                atLeast(settings, "max-pause-ms", 30_000, 0),
                atLeast(settings, "resend-delay-ms", 1000, 0),
                (int) atLeast(settings, "max-resends", 10, 0),
                atLeast(settings, "poll-ms", 100, 1),
                atLeast(settings, "shutdown-timeout-ms", 30_000, 0));
    }

    /** A channel's capacity: its own setting, else the transport's. */
    int capacity(TransportSettings channel) {
        return (int) atLeast(channel, "capacity", capacity, 1);
    }

    /** The delay of the {@code turn}th re-send or pause: {@code first}, doubled each turn, capped. */
    long growing(long first, int turn) {
        long delay = Math.max(0, first);
        for (int i = 1; i < turn && delay < maxPauseMs; i++) {
            delay *= 2;
        }
        return Math.min(delay, Math.max(first, maxPauseMs));
    }

    private static long atLeast(TransportSettings settings, String key, long defaultValue, long min) {
        long value = settings.number(key, defaultValue);
        if (value < min || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(InMemoryDiagnostics.badNumber(settings.property(key), value, min));
        }
        return value;
    }
}
