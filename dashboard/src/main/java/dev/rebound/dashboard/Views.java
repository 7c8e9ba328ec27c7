package dev.rebound.dashboard;

import dev.rebound.DeadLetter;
import dev.rebound.DeadLetterPage;
import dev.rebound.DeadLetterStats;
import dev.rebound.FailedAttempt;
import dev.rebound.Failure;
import dev.rebound.MessageHeaders;
import dev.rebound.Node;
import dev.rebound.Nodes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the admin API reads and writes, as JSON-B records, with their OpenAPI schemas. One name for one field:
 * {@code id} is always the id of the thing itself (a dead letter's, a bulk replay's), {@code messageId} always the
 * failed message's.
 */
public final class Views {

    private static final String ID_AND_MESSAGE_ID = "id is the dead letter's id (what show, replay and delete take), "
            + "messageId the failed message's (a message has one dead letter per failed handler).";

    private Views() {
    }

    @Schema(name = "Problem", description = "Why a request was refused; the message starts with its REBOUND code")
    public record Problem(String message) {
    }

    /** {@code id} is the dead letter's (what replay and delete take), {@code messageId} the failed message's. */
    @Schema(name = "DeadLetterSummary", description = "A dead letter in a page: one failed handler of one message. "
            + ID_AND_MESSAGE_ID)
    public record Summary(UUID id, UUID messageId, String channel, String handler, String exceptionClass,
                   String exceptionMessage, String payloadType, int attempts, Instant failedAt, Instant lastFailedAt,
                   String fingerprint) {

        static Summary of(DeadLetter l) {
            return new Summary(l.id(), l.messageId(), l.channel(), l.handler(), l.failure().exceptionClass(),
                    l.failure().exceptionMessage(), l.payloadType(), l.attempts(), l.failedAt(), l.lastFailedAt(),
                    l.fingerprint());
        }
    }

    @Schema(name = "DeadLetterPage", description = "A page of dead letters, newest first")
    public record Page(List<Summary> items,
                       @Schema(description = "The cursor of the next page (the after parameter); null on the last")
                       String next) {

        static Page of(DeadLetterPage page) {
            return new Page(page.items().stream().map(Summary::of).toList(),
                    page.next() == null ? null : page.next().token());
        }
    }

    /** One exception of the chain, outermost first; the last one is the root cause. */
    @Schema(name = "Cause", description = "One exception of the chain, outermost first; the last is the root cause")
    public record Cause(String exceptionClass, String message) {
    }

    /**
     * {@code headers} are Rebound's headers, or, for a message that could not be read (no Rebound headers), the
     * raw properties it arrived with.
     */
    @Schema(name = "DeadLetter", description = "A dead letter with everything stored: one failed handler of one "
            + "message, or a message that could not be read. " + ID_AND_MESSAGE_ID + " headers are Rebound's "
            + "(messageId, correlationId, causationId, timestamp, routingKey, metadata), or the raw properties of a "
            + "message that could not be read.")
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

    @Schema(name = "DeadLetterStats", description = "Dead letters per channel, the consumers' state, and the backlog "
            + "of the channels whose transport measures it (database channels and relays)")
    public record Stats(long total, Instant oldestFailure, Long oldestAgeSeconds, List<DeadLetterStats.ChannelCount> channels,
                 Set<String> asynchronousChannels, Map<String, String> stoppedConsumers, List<Backlog> backlog) {
    }

    /** A channel's backlog as its transport last measured it (at most every few seconds). */
    @Schema(name = "Backlog", description = "Messages on a channel (waiting, delayed, being handled) and how long its "
            + "oldest due message has waited, as measured at measuredAt")
    public record Backlog(String channel, long depth, double lagSeconds, Instant measuredAt) {

        static List<Backlog> of(List<dev.rebound.spi.Backlog> all) {
            return all.stream().map(b -> new Backlog(b.channel(), b.depth(), b.lag().toMillis() / 1000.0,
                    b.measured())).toList();
        }
    }

    /** Every node of the node registry, this one first. */
    @Schema(name = "Nodes", description = "The nodes of the application on this database (the node registry), this "
            + "node first; when shared is false the registry is off (no database) and only this node is listed")
    public record NodesView(String self, boolean shared, double heartbeatSeconds,
                            @Schema(description = "The channels paused on every node (their last change everywhere "
                                    + "is a pause)") Set<String> pausedEverywhere,
                            List<NodeView> nodes) {

        static NodesView of(Nodes nodes, Instant now) {
            return new NodesView(nodes.self(), nodes.shared(), nodes.heartbeat().toMillis() / 1000.0,
                    nodes.pausedEverywhere(), nodes.list().stream().map(node -> NodeView.of(node, now)).toList());
        }
    }

    @Schema(name = "Node", description = "A node: ALIVE, NOT_SEEN (no heartbeat for 3 of its intervals since "
            + "heartbeatAt) or STOPPED (it shut down at stoppedAt), with its consumers per channel as of heartbeatAt "
            + "(this node's: now)")
    public record NodeView(String name, String state, boolean self, Instant startedAt, Instant heartbeatAt,
                           @Schema(description = "Seconds since its last heartbeat; null before the first")
                           Long heartbeatAgeSeconds, double heartbeatSeconds, Instant stoppedAt, String version,
                           List<NodeChannel> channels) {

        static NodeView of(Node node, Instant now) {
            return new NodeView(node.name(), node.state().name(), node.self(), node.startedAt(), node.heartbeatAt(),
                    ageSeconds(node.heartbeatAt(), now), node.heartbeat().toMillis() / 1000.0, node.stoppedAt(),
                    node.version(), node.channels().stream().map(NodeChannel::of).toList());
        }
    }

    @Schema(name = "NodeChannel", description = "A node's consumers of one channel: state (CONSUMING, PAUSED, "
            + "STOPPED, RECONNECTING, DEAD, NOT_STARTED), how many it runs, how many are alive, and a failure as its "
            + "exception type and REBOUND code")
    public record NodeChannel(String channel, String state, int consumers, int live, String failure) {

        static NodeChannel of(Node.Channel channel) {
            return new NodeChannel(channel.channel(), channel.state().name(), channel.consumers(), channel.live(),
                    channel.failure());
        }
    }

    @Schema(name = "DeadLetterIds", description = "The ids of the dead letters to act on")
    public record Ids(List<UUID> ids) {
    }

    @Schema(name = "Count", description = "How many dead letters the request handled or deleted")
    public record Count(long count) {
    }

    @Schema(name = "Handled", description = "Whether the replayed dead letter's handler succeeded (it was removed)")
    public record Handled(boolean handled) {
    }

    @Schema(name = "Cancelled", description = "Whether the bulk replay was still running")
    public record Cancelled(boolean cancelled) {
    }

    /** What a bulk replay or delete applies to: a filter, or everything when {@code all} is true. */
    @Schema(name = "Selection", description = "What a bulk replay or deletion applies to: a filter (at least one "
            + "criterion), or everything that had failed by now when all is true")
    public record Selection(String channel, String handler, String exceptionClass, String fingerprint, Instant from,
                     Instant to, Boolean all, Integer ratePerSecond, Boolean canary, Boolean toQueue) {
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
