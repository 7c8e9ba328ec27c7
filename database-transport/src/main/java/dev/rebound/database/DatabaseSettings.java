package dev.rebound.database;

import dev.rebound.spi.TransportSettings;
import java.util.Locale;
import java.util.Optional;

/**
 * The database transport's settings ({@code rebound.database.*}), read and checked once at deployment.
 *
 * @param dataSource JNDI name or CDI {@code @Named} name of the data source; empty: the application's
 *                   {@code DataSource} bean
 * @param claim how consumers claim rows: {@code auto}, {@code skip-locked} or {@code lease}
 * @param pollIntervalMs how often an idle consumer looks for rows written by other nodes and for due delayed rows
 * @param leaseMs how long a lease of the lease path holds a row before another node may take it over
 * @param failurePauseMs the first pause after a failure (doubling, at most a minute)
 * @param shutdownTimeoutMs how long a stop waits for in-flight handlers
 * @param resendDelayMs the first delay of the final failure strategy RESEND (doubling)
 * @param maxResends how often RESEND puts a message back before it becomes a dead letter
 * @param healthTimeoutMs the bound of the health check
 * @param relayBatch how many rows a relay claims, forwards and deletes in one transaction
 * @param relayMaxAttempts how often a relay tries a row it cannot forward (its target unknown) before the row
 *                         becomes a dead letter
 * @param relaySends how a relay hands a batch to its target: {@code batch} (one {@code enqueueAll}, all or none)
 *                   or {@code each} (one {@code enqueue} per row, as before issue 13; a baseline for benchmarks)
 * @param relayHoldMs how long a keyed row a relay forwarded holds back its key when that relay dies before deleting
 *                    it (the time its node's transaction recovery has to commit the broker's branch)
 */
record DatabaseSettings(Optional<String> dataSource, Claim claim, long pollIntervalMs, long leaseMs,
                        long failurePauseMs, long shutdownTimeoutMs, long resendDelayMs, long maxResends,
                        long healthTimeoutMs, int relayBatch, int relayMaxAttempts, RelaySends relaySends,
                        long relayHoldMs) {

    /** The property by which a database channel becomes a relay to another channel, after rebound.channel.c. */
    static final String RELAY_TO = "relay-to";

    /**
     * The property by which a channel keeps per-key order, after rebound.channel.c. (Rebound reads and checks its
     * value and puts the key in the message's metadata; the transport only needs to know the channel is ordered.)
     */
    static final String ORDERING_KEY = "ordering-key";

    static final long MAX_PAUSE_MS = 60_000;

    /** How consumers claim rows. */
    enum Claim {
        /** SKIP LOCKED where the database has it, a lease where it has not (Derby, H2). */
        AUTO,
        /** {@code SELECT ... FOR UPDATE SKIP LOCKED} (SQL Server: READPAST) in the consumer's unit. */
        SKIP_LOCKED,
        /** A lease with expiry and an epoch, claimed in a short transaction of its own. */
        LEASE
    }

    /** How a relay hands a batch of rows to its target channel ({@code rebound.database.relay-sends}). */
    enum RelaySends {
        /** One {@code QueueChannel.enqueueAll} per batch: all or none. */
        BATCH,
        /** One {@code QueueChannel.enqueue} per row. */
        EACH
    }

    static DatabaseSettings read(TransportSettings settings) {
        String claim = settings.get("claim").orElse("auto").toLowerCase(Locale.ROOT);
        Claim parsed = switch (claim) {
            case "auto" -> Claim.AUTO;
            case "skip-locked" -> Claim.SKIP_LOCKED;
            case "lease" -> Claim.LEASE;
            default -> throw new IllegalArgumentException(DatabaseDiagnostics.badChoice(settings.property("claim"),
                    claim, "auto, skip-locked, lease"));
        };
        return new DatabaseSettings(settings.get("datasource"), parsed,
                number(settings, "poll-interval-ms", 1000, 1),
                number(settings, "lease-ms", 30_000, 100),
                number(settings, "failure-pause-ms", 1000, 1),
                number(settings, "shutdown-timeout-ms", 10_000, 0),
                number(settings, "resend-delay-ms", 1000, 0),
                number(settings, "max-resends", 3, 0),
                number(settings, "health-timeout-ms", 2000, 1),
                (int) Math.min(10_000, number(settings, "relay-batch", 1000, 1)),
                (int) number(settings, "relay-max-attempts", 10, 1),
                relaySends(settings),
                number(settings, "relay-hold-ms", 300_000, 1000));
    }

    private static RelaySends relaySends(TransportSettings settings) {
        String value = settings.get("relay-sends").orElse("batch").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "batch" -> RelaySends.BATCH;
            case "each" -> RelaySends.EACH;
            default -> throw new IllegalArgumentException(DatabaseDiagnostics.badChoice(
                    settings.property("relay-sends"), value, "batch, each"));
        };
    }

    private static long number(TransportSettings settings, String key, long defaultValue, long min) {
        long value = settings.number(key, defaultValue);
        if (value < min || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(DatabaseDiagnostics.badNumber(settings.property(key), value, min));
        }
        return value;
    }

    /**
     * {@code rebound.database.backlog-refresh-ms}: how often the depth and lag of the channels are read at most
     * (default 5000), however often metrics, probes and the dashboard ask.
     */
    static long backlogRefreshMs(TransportSettings settings) {
        return number(settings, "backlog-refresh-ms", 5000, 100);
    }

    /** {@code firstMs} doubled {@code turn - 1} times, at most a minute (and never below {@code firstMs}). */
    static long growing(long firstMs, long turn) {
        long cap = Math.max(firstMs, MAX_PAUSE_MS);
        return Math.min(cap, firstMs << Math.min(Math.max(0, turn - 1), 20));
    }
}
