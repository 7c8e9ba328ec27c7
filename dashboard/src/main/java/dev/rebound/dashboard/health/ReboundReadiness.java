package dev.rebound.dashboard.health;

import dev.rebound.cdi.ReboundExtension;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: every asynchronous channel's consumers are running and the broker answers. A channel whose
 * consumers stopped (final failure strategy {@code STOP}) makes the application not ready, with the reason in
 * the check's data, so that an orchestrator stops sending it work and an operator sees why. Added by
 * {@link dev.rebound.dashboard.DashboardExtension} only when MicroProfile Health is there.
 */
@Readiness
public class ReboundReadiness implements HealthCheck {

    static final String NAME = "rebound";

    private final ReboundExtension rebound;
    private final BrokerProbe broker;

    @Inject
    public ReboundReadiness(BeanManager beans, BrokerProbe broker) {
        this.rebound = beans.getExtension(ReboundExtension.class);
        this.broker = broker;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        Set<String> channels = new TreeSet<>(rebound.asynchronousChannels());
        Map<String, String> stopped = rebound.stoppedConsumers();
        boolean up = true;
        for (String channel : channels) {
            String reason = stopped.get(channel);
            response.withData("consumer." + channel, reason == null ? "running" : "stopped: " + reason);
            up &= reason == null;
        }
        if (!channels.isEmpty()) {
            String problem = broker.problem();
            response.withData("broker", problem == null ? "reachable" : "unreachable: " + problem);
            up &= problem == null;
        }
        return response.status(up).build();
    }
}
