package dev.rebound.dashboard.health;

import dev.rebound.Consumers;
import dev.rebound.dashboard.DashboardSettings;
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
 * sees why. The data never holds an exception's text, which may carry payload data and {@code /health/ready} is
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

    /** {@code settings}: read and checked at deployment ({@link DashboardSettings#reconnectGrace()}). */
    @Inject
    public ReboundReadiness(Consumers consumers, DashboardSettings settings) {
        this(consumers, settings.reconnectGrace());
    }

    private ReboundReadiness(Consumers consumers, Duration grace) {
        this(consumers::status, () -> problem(consumers.health()), grace, Clock.systemUTC());
    }

    ReboundReadiness(Supplier<List<ChannelStatus>> consumers, Supplier<String> broker, Duration grace, Clock clock) {
        this.consumers = consumers;
        this.broker = broker;
        this.grace = grace;
        this.clock = clock;
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
