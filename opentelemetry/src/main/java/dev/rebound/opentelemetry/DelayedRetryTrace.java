package dev.rebound.opentelemetry;

import java.util.Locale;

/** How the delivery after a delayed retry is traced ({@code rebound.tracing.delayed-retry}). */
public enum DelayedRetryTrace {
    /**
     * A new trace, linked to the failed attempt and to the message's creation: a trace ends with its attempt, so
     * that tail sampling sees each attempt's outcome, and a retry hours later does not stretch the first trace.
     */
    LINK,
    /** The same trace: the delivery's parent is the retry's send span (for viewers that do not show links). */
    CONTINUE;

    /** The mode a configuration value names; {@code null} or blank is the default, {@link #LINK}. */
    static DelayedRetryTrace of(String value) {
        if (value == null || value.isBlank()) {
            return LINK;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "link" -> LINK;
            case "continue" -> CONTINUE;
            default -> throw new IllegalArgumentException(TracingDiagnostics.badDelayedRetryMode(value));
        };
    }
}
