package dev.rebound.dashboard.health;

import dev.rebound.Consumers;
import dev.rebound.dashboard.DashboardSettings;
import dev.rebound.spi.Backlog;
import dev.rebound.spi.ChannelStatus;
import dev.rebound.spi.TransportHealth;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: what every asynchronous channel's consumers really do, and whether the brokers answer (each transport
 * says so itself, {@link Consumers#health()}: JMS opens and closes a connection). Down when a
 * channel is paused by the application, stopped by the final failure strategy {@code STOP}, lost a consumer
 * thread, or has a consumer that has been reconnecting for longer than {@code rebound.health.reconnect-grace-ms}
 * (default 5000, so that a single blip does not flap; see {@link DashboardSettings}), so that an orchestrator stops sending work and an operator
 * sees why. Down too when a channel whose transport measures its backlog (a database channel, a relay) has a due
 * message waiting longer than its {@link LagLimits limit}: its consumers or its relay do not keep up (the broker
 * behind a relay is down, the handlers are too slow); up again once it has caught up. The data never holds an exception's text, which may carry payload data and {@code /health/ready} is
 * usually reachable without login: only exception types and the REBOUND code of the log line with the rest.
 * Added by {@link dev.rebound.dashboard.DashboardExtension} only when MicroProfile Health is there.
 */
@Readiness
public class ReboundReadiness implements HealthCheck {

    static final String NAME = "rebound";

    private final Supplier<List<ChannelStatus>> consumers;
    private final Supplier<String> broker;
    private final Duration grace;
    private final Clock clock;
    private final Supplier<List<Backlog>> backlog;
    private final LagLimits limits;

    /**
     * {@code settings} and {@code limits}: read and checked at deployment ({@link DashboardSettings#reconnectGrace()},
     * {@link LagLimits}).
     */
    @Inject
    public ReboundReadiness(Consumers consumers, DashboardSettings settings, LagLimits limits) {
        this(consumers::status, () -> problem(consumers.health()), settings.reconnectGrace(), Clock.systemUTC(),
                consumers::backlog, limits);
    }

    ReboundReadiness(Supplier<List<ChannelStatus>> consumers, Supplier<String> broker, Duration grace, Clock clock) {
        this(consumers, broker, grace, clock, List::of, LagLimits.DEFAULTS);
    }

    ReboundReadiness(Supplier<List<ChannelStatus>> consumers, Supplier<String> broker, Duration grace, Clock clock,
                     Supplier<List<Backlog>> backlog, LagLimits limits) {
        this.consumers = consumers;
        this.broker = broker;
        this.grace = grace;
        this.clock = clock;
        this.backlog = backlog;
        this.limits = limits;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, Object> data = new LinkedHashMap<>();
        Instant now = clock.instant();
        boolean up = true;
        List<ChannelStatus> channels = consumers.get();
        for (ChannelStatus channel : channels) {
            up &= describe(channel, now, data);
        }
        for (Backlog figures : channels.isEmpty() ? List.<Backlog>of() : backlog.get()) {
            up &= describe(figures, data);
        }
        if (!channels.isEmpty()) {
            String problem = broker.get();
            data.put("broker", problem == null ? "reachable" : "unreachable: " + exceptionType(problem));
            up &= problem == null;
        }
        return new HealthCheckResponse(NAME, up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                Optional.of(data));
    }

    /** Puts the channel's entries into {@code data}; whether the channel is ready. */
    private boolean describe(ChannelStatus channel, Instant now, Map<String, Object> data) {
        String key = "consumer." + channel.channel();
        boolean ready = switch (channel.state()) {
            case CONSUMING -> true;
            case RECONNECTING -> channel.since() != null && Duration.between(channel.since(), now).compareTo(grace) <= 0;
            default -> false;
        };
        data.put(key, switch (channel.state()) {
            case CONSUMING -> "consuming";
            case PAUSED -> "paused by the application";
            case NOT_STARTED -> "not started";
            case STOPPED -> "stopped: " + channel.reason();
            case RECONNECTING -> channel.reconnecting() + " reconnecting after " + channel.failure();
            case DEAD -> (channel.configured() - channel.live()) + " consumer thread(s) died of " + channel.failure();
        });
        data.put(key + ".configured", (long) channel.configured());
        data.put(key + ".live", (long) channel.live());
        data.put(key + ".restarts", (long) channel.restarts());
        if (channel.since() != null) {
            data.put(key + ".since", channel.since().toString());
        }
        return ready;
    }

    /** Puts the channel's depth and lag into {@code data}; whether it keeps up (its lag within its limit). */
    private boolean describe(Backlog figures, Map<String, Object> data) {
        String key = "backlog." + figures.channel();
        Duration limit = limits.of(figures.channel());
        boolean keepsUp = limit.isZero() || figures.lag().compareTo(limit) <= 0;
        data.put(key, limit.isZero() ? "lag not checked" : keepsUp ? "keeping up" : "behind: the oldest due message has waited " + figures.lag().toMillis()
                + " ms, more than " + limits.property(figures.channel()) + "=" + limit.toMillis());
        data.put(key + ".depth", figures.depth());
        data.put(key + ".lag-ms", figures.lag().toMillis());
        data.put(key + ".max-lag-ms", limit.toMillis());
        data.put(key + ".measured", figures.measured().toString());
        return keepsUp;
    }

    /** Why the transports' brokers do not answer (exception types and REBOUND codes), {@code null} if they do. */
    private static String problem(TransportHealth health) {
        return health.up() ? null : String.valueOf(health.detail());
    }

    /**
     * A transport says why its broker cannot be reached by exception type and code; should one say it as an
     * exception's {@code toString()}, only its class (before the first ": ") is published, as its text can name
     * hosts and users.
     */
    private static String exceptionType(String problem) {
        int colon = problem.indexOf(": ");
        return colon < 0 ? problem : problem.substring(0, colon);
    }
}
