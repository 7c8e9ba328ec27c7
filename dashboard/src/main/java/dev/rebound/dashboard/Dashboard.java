package dev.rebound.dashboard;

import dev.rebound.Consumers;
import dev.rebound.DeadLetters;
import dev.rebound.Nodes;
import dev.rebound.spi.ChannelStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the admin resources share: settings (read at deployment), access rules, Rebound's dead letters, consumers and
 * nodes.
 */
@ApplicationScoped
public class Dashboard {

    private final DashboardSettings settings;
    private final Access access;
    private final DeadLetters deadLetters;
    private final Consumers consumers;
    private final Nodes nodes;
    private final Clock clock = Clock.systemUTC();

    /** For the container's proxy only. */
    protected Dashboard() {
        this.settings = null;
        this.access = null;
        this.deadLetters = null;
        this.consumers = null;
        this.nodes = null;
    }

    @Inject
    public Dashboard(DashboardSettings settings, DeadLetters deadLetters, Consumers consumers, Nodes nodes) {
        this.nodes = nodes;
        this.settings = settings;
        this.access = new Access(settings);
        this.deadLetters = deadLetters;
        this.consumers = consumers;
    }

    public DashboardSettings settings() {
        return settings;
    }

    Access access() {
        return access;
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    public Consumers consumers() {
        return consumers;
    }

    /** The nodes on the database (the node registry). */
    public Nodes nodes() {
        return nodes;
    }

    /**
     * Channels whose consumers the final failure strategy {@code STOP} stopped, with the reason (the failed
     * message and its exception type; never the exception's text), in channel order.
     */
    public Map<String, String> stoppedConsumers() {
        Map<String, String> stopped = new LinkedHashMap<>();
        for (ChannelStatus status : consumers.status()) {
            if (status.state() == ChannelStatus.State.STOPPED) {
                stopped.put(status.channel(), status.reason());
            }
        }
        return stopped;
    }

    public Clock clock() {
        return clock;
    }
}
