package dev.rebound;

import java.util.Map;

/**
 * How many duplicates the {@link Deduplicated} handlers and gateway methods acknowledged without running since the
 * application started, for metrics and monitoring. Injectable; thread-safe; reading it costs no database access.
 */
public interface Duplicates {

    /**
     * The counts by deduplication scope: the handler's id ({@code Class#method}), the gateway method, or
     * {@code tracking:<name>} for a {@link Deduplicated#trackingName()} shared by several; every scope of the
     * application is listed, those without duplicates with 0. Empty without deduplicated handlers.
     */
    Map<String, Long> counts();
}
