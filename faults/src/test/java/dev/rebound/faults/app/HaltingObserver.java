package dev.rebound.faults.app;

import dev.rebound.spi.MessageObserver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Halts between routing and acknowledgement: Rebound calls these after routing a failure, before the ack. */
@ApplicationScoped
public class HaltingObserver implements MessageObserver {

    private final FaultPlan plan;

    @Inject
    public HaltingObserver(FaultPlan plan) {
        this.plan = plan;
    }

    @Override
    public void retried(String channel, String handler, Retry retry) {
        if (retry == Retry.DELAYED) {
            plan.at(Point.AFTER_ROUTING_RETRY, Current.KEY.get());
        }
    }

    @Override
    public void deadLettered(String channel, String handler) {
        plan.at(Point.AFTER_ROUTING_DEAD_LETTER, Current.deadLetterKey());
    }
}
