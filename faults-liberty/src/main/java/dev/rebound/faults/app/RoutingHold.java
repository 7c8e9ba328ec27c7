package dev.rebound.faults.app;

import dev.rebound.spi.MessageObserver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Holds the consumer thread after a failure was routed to the dead letter (its row committed in a transaction of
 * its own) and before the message is acknowledged: the window of the finding 2.
 */
@ApplicationScoped
public class RoutingHold implements MessageObserver {

    private final FaultPlan plan;

    @Inject
    public RoutingHold(FaultPlan plan) {
        this.plan = plan;
    }

    /** For CDI's client proxy only. */
    protected RoutingHold() {
        this(null);
    }

    @Override
    public void deadLettered(String channel, String handler) {
        plan.checkpoint(Point.ROUTED, FaultPlan.currentKey());
    }
}
