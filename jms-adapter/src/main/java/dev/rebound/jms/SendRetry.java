package dev.rebound.jms;

import dev.rebound.spi.TransportSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * How a send that the broker did not take (connection lost, broker down, address full with {@code FAIL}) is tried
 * again: {@code retries} more times, after the delays (the last one repeats), each moved by up to
 * {@code jitter} of itself, within {@code timeoutMs} from the first attempt, which also bounds a blocked attempt
 * outside a server. Read at deployment, globally ({@code rebound.jms.send-*}) and per channel
 * ({@code rebound.channel.<c>.send-*}); defaults as Ecotone's: 2 retries after 10 and 400 ms.
 */
record SendRetry(int retries, List<Long> delaysMs, double jitter, long timeoutMs) {

    static final String RETRIES = "send-retries";
    static final String DELAYS = "send-retry-delays-ms";
    static final String JITTER = "send-retry-jitter";
    static final String TIMEOUT = "send-timeout-ms";
    static final SendRetry DEFAULT = new SendRetry(2, List.of(10L, 400L), 0.2, 5000);
    private static final int MAX_RETRIES = 10;
    private static final long MAX_DELAY_MS = 60_000;
    private static final long MAX_TIMEOUT_MS = 300_000;

    SendRetry {
        delaysMs = List.copyOf(delaysMs);
    }

    /** The global setting, over {@code base}. */
    static SendRetry read(TransportSettings config, SendRetry base) {
        int retries = (int) bounded(config, RETRIES, base.retries(), 0, MAX_RETRIES);
        List<Long> delays = config.get(DELAYS).isPresent() ? delays(config) : base.delaysMs();
        double jitter = jitter(config, base.jitter());
        long timeout = bounded(config, TIMEOUT, base.timeoutMs(), 1, MAX_TIMEOUT_MS);
        return new SendRetry(retries, delays, jitter, timeout);
    }

    /** The wait before retry {@code retry} (1 for the first), jittered by {@code random} (0..1). */
    long delayMs(int retry, DoubleSupplier random) {
        long base = delaysMs.isEmpty() ? 0 : delaysMs.get(Math.min(retry, delaysMs.size()) - 1);
        double shift = jitter == 0 ? 0 : (random.getAsDouble() * 2 - 1) * jitter * base;
        return Math.max(0, Math.round(base + shift));
    }

    /** The more generous of both, for a batch that holds messages of several channels. */
    SendRetry widest(SendRetry other) {
        return other.retries > retries || other.timeoutMs > timeoutMs && other.retries == retries ? other : this;
    }

    private static long bounded(TransportSettings config, String key, long fallback, long min, long max) {
        long value = config.number(key, fallback);
        if (value < min || value > max) {
            throw new IllegalArgumentException(JmsDiagnostics.badValue(config.property(key), String.valueOf(value),
                    "a whole number from " + min + " to " + max));
        }
        return value;
    }

    private static List<Long> delays(TransportSettings config) {
        List<Long> delays = new ArrayList<>();
        for (String item : config.list(DELAYS)) {
            long delay;
            try {
                delay = Long.parseLong(item);
            } catch (NumberFormatException e) {
                delay = -1;
            }
            if (delay < 0 || delay > MAX_DELAY_MS) {
                throw new IllegalArgumentException(JmsDiagnostics.badValue(config.property(DELAYS),
                        config.get(DELAYS).orElse(""), "milliseconds from 0 to " + MAX_DELAY_MS
                                + ", comma separated (e.g. 10,400)"));
            }
            delays.add(delay);
        }
        if (delays.isEmpty()) {
            throw new IllegalArgumentException(JmsDiagnostics.badValue(config.property(DELAYS), "",
                    "at least one delay in milliseconds (e.g. 10,400)"));
        }
        return delays;
    }

    private static double jitter(TransportSettings config, double fallback) {
        Optional<String> value = config.get(JITTER);
        if (value.isEmpty()) {
            return fallback;
        }
        double jitter;
        try {
            jitter = Double.parseDouble(value.get());
        } catch (NumberFormatException e) {
            jitter = -1;
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException(JmsDiagnostics.badValue(config.property(JITTER), value.get(),
                    "a fraction from 0 to 1"));
        }
        return jitter;
    }
}
