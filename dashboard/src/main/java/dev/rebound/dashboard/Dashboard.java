package dev.rebound.dashboard;

import dev.rebound.DeadLetters;
import dev.rebound.cdi.ReboundExtension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.time.Clock;

/** What the admin resources share: settings (read once), access rules, Rebound's dead letters and consumers. */
@ApplicationScoped
public class Dashboard {

    private final DashboardSettings settings;
    private final Access access;
    private final DeadLetters deadLetters;
    private final ReboundExtension rebound;
    private final Clock clock = Clock.systemUTC();

    /** For the container's proxy only. */
    protected Dashboard() {
        this.settings = null;
        this.access = null;
        this.deadLetters = null;
        this.rebound = null;
    }

    @Inject
    public Dashboard(DeadLetters deadLetters, BeanManager beans) {
        this.settings = DashboardSettings.read();
        this.access = new Access(settings);
        this.deadLetters = deadLetters;
        this.rebound = beans.getExtension(ReboundExtension.class);
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

    public ReboundExtension rebound() {
        return rebound;
    }

    public Clock clock() {
        return clock;
    }
}
