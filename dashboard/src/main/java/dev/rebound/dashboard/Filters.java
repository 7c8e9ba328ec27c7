package dev.rebound.dashboard;

import dev.rebound.DeadLetterFilter;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/** Reads a {@link DeadLetterFilter} from request parameters; bad times are the caller's mistake (400). */
final class Filters {

    private Filters() {
    }

    static DeadLetterFilter of(String channel, String handler, String exceptionClass, String fingerprint,
                               String from, String to) {
        return of(channel, handler, exceptionClass, fingerprint, from, to, null);
    }

    static DeadLetterFilter of(String channel, String handler, String exceptionClass, String fingerprint,
                               String from, String to, String messageId) {
        return new DeadLetterFilter(blankToNull(channel), blankToNull(handler), blankToNull(exceptionClass),
                blankToNull(fingerprint), instant("from", from), instant("to", to), uuid("messageId", messageId), null);
    }

    private static UUID uuid(String name, String value) {
        return parsed(name, value, UUID::fromString, DashboardDiagnostics::badUuid);
    }

    static DeadLetterFilter of(Views.Selection s) {
        return new DeadLetterFilter(blankToNull(s.channel()), blankToNull(s.handler()),
                blankToNull(s.exceptionClass()), blankToNull(s.fingerprint()), s.from(), s.to(), null, null);
    }

    /** A bulk change needs a criterion, or an explicit {@code all}: an empty form must not mean "everything". */
    /**
     * A bulk replay's options from its request: its rate or {@code defaultRate}, its canary, and with
     * {@code "toQueue": true} the messages put back on their channels' queues.
     */
    static dev.rebound.ReplayOptions replayOptions(Views.Selection s, int defaultRate) {
        return new dev.rebound.ReplayOptions(s.ratePerSecond() == null ? defaultRate : s.ratePerSecond(),
                Boolean.TRUE.equals(s.canary()), Boolean.TRUE.equals(s.toQueue()) ? dev.rebound.ReplayTarget.QUEUE
                        : dev.rebound.ReplayTarget.HANDLER);
    }

    static DeadLetterFilter bulk(Views.Selection s) {
        DeadLetterFilter filter = of(s);
        if (filter.equals(DeadLetterFilter.all()) && !Boolean.TRUE.equals(s.all())) {
            throw new IllegalArgumentException(DashboardDiagnostics.nothingNamed());
        }
        return filter;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Instant instant(String name, String value) {
        return parsed(name, value, Instant::parse, DashboardDiagnostics::badInstant);
    }

    /** A parameter's value, {@code null} when blank; a value that does not parse is the caller's mistake (400). */
    private static <T> T parsed(String name, String value, Function<String, T> parse,
                                BinaryOperator<String> refusal) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return parse.apply(value.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(refusal.apply(name, value), e);
        }
    }
}
