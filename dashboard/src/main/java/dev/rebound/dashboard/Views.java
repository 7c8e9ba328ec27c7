package dev.rebound.dashboard;

import dev.rebound.DeadLetter;
import dev.rebound.DeadLetterPage;
import dev.rebound.DeadLetterStats;
import dev.rebound.FailedAttempt;
import dev.rebound.Failure;
import dev.rebound.MessageHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** What the admin API reads and writes, as JSON-B records. */
public final class Views {

    private Views() {
    }

    public record Problem(String message) {
    }

    /** {@code id} is the dead letter's (what replay and delete take), {@code messageId} the failed message's. */
    public record Summary(UUID id, UUID messageId, String channel, String handler, String exceptionClass,
                   String exceptionMessage, String payloadType, int attempts, Instant failedAt, Instant lastFailedAt,
                   String fingerprint) {

        static Summary of(DeadLetter l) {
            return new Summary(l.id(), l.messageId(), l.channel(), l.handler(), l.failure().exceptionClass(),
                    l.failure().exceptionMessage(), l.payloadType(), l.attempts(), l.failedAt(), l.lastFailedAt(),
                    l.fingerprint());
        }
    }

    public record Page(List<Summary> items, String next) {

        static Page of(DeadLetterPage page) {
            return new Page(page.items().stream().map(Summary::of).toList(),
                    page.next() == null ? null : page.next().token());
        }
    }

    /** One exception of the chain, outermost first; the last one is the root cause. */
    public record Cause(String exceptionClass, String message) {
    }

    /**
     * {@code headers} are Rebound's headers, or, for a message that could not be read (no Rebound headers), the
     * raw properties it arrived with.
     */
    public record Details(UUID id, UUID messageId, String channel, String handler, String origin, String payloadType,
                   String body, Map<String, Object> headers, List<Cause> exceptionChain, String stackTrace,
                   int attempts, Instant failedAt, Instant lastFailedAt, String note, String fingerprint,
                   String failureSite, List<Attempt> history) {

        static Details of(DeadLetter l) {
            return new Details(l.id(), l.messageId(), l.channel(), l.handler(), l.origin(), l.payloadType(), l.body(),
                    l.headers() == null ? new LinkedHashMap<>(l.properties()) : headerMap(l.headers()), chain(l),
                    l.failure().stackTrace(), l.attempts(), l.failedAt(), l.lastFailedAt(), l.note(), l.fingerprint(),
                    l.failure().site(), l.history().stream().map(Attempt::of).toList());
        }
    }

    /** One entry of a dead letter's history, with the field names the admin API has always had. */
    public record Attempt(Instant failedAt, int attempts, String exceptionClass, String exceptionMessage,
                          String rootCauseClass, String rootCauseMessage) {

        static Attempt of(FailedAttempt a) {
            return new Attempt(a.failedAt(), a.attempts(), a.failure().exceptionClass(),
                    a.failure().exceptionMessage(), a.failure().rootCauseClass(), a.failure().rootCauseMessage());
        }
    }

    public record Stats(long total, Instant oldestFailure, Long oldestAgeSeconds, List<DeadLetterStats.ChannelCount> channels,
                 Set<String> asynchronousChannels, Map<String, String> stoppedConsumers) {
    }

    public record Ids(List<UUID> ids) {
    }

    public record Count(long count) {
    }

    public record Handled(boolean handled) {
    }

    public record Cancelled(boolean cancelled) {
    }

    /** What a bulk replay or delete applies to: a filter, or everything when {@code all} is true. */
    public record Selection(String channel, String handler, String exceptionClass, String fingerprint, Instant from,
                     Instant to, Boolean all, Integer ratePerSecond, Boolean canary) {
    }

    static Long ageSeconds(Instant oldest, Instant now) {
        return oldest == null ? null : Math.max(0, Duration.between(oldest, now).toSeconds());
    }

    private static Map<String, Object> headerMap(MessageHeaders h) {
        if (h == null) {
            return null;
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("messageId", h.messageId());
        all.put("correlationId", h.correlationId());
        all.put("causationId", h.causationId());
        all.put("timestamp", h.timestamp());
        all.put("routingKey", h.routingKey());
        all.put("metadata", h.metadata());
        return all;
    }

    /**
     * The exception chain read from the stored stack trace ("Caused by:" lines), which is all that survives
     * storage; the stored exception and root cause frame it when the trace was cut short.
     */
    static List<Cause> chain(DeadLetter l) {
        List<Cause> chain = new ArrayList<>();
        Failure f = l.failure();
        chain.add(new Cause(f.exceptionClass(), f.exceptionMessage()));
        if (f.stackTrace() != null) {
            for (String line : f.stackTrace().split("\n")) {
                if (line.startsWith("Caused by: ")) {
                    String cause = line.substring("Caused by: ".length());
                    int colon = cause.indexOf(": ");
                    chain.add(colon < 0 ? new Cause(cause.strip(), null)
                            : new Cause(cause.substring(0, colon), cause.substring(colon + 2).strip()));
                }
            }
        }
        Cause last = chain.get(chain.size() - 1);
        if (f.rootCauseClass() != null && !f.rootCauseClass().equals(last.exceptionClass())) {
            chain.add(new Cause(f.rootCauseClass(), f.rootCauseMessage()));
        }
        return chain;
    }
}
