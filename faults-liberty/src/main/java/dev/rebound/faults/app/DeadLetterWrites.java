package dev.rebound.faults.app;

import dev.rebound.deadletter.DeadLetterEntity;
import jakarta.enterprise.inject.spi.CDI;

/**
 * Default entity listener (META-INF/orm.xml): called when a dead letter row has been inserted, inside the dead
 * letter's transaction. EclipseLink creates it, so the plan is looked up (once per new dead letter, not per
 * message).
 */
public class DeadLetterWrites {

    public void written(Object entity) {
        if (entity instanceof DeadLetterEntity) {
            CDI.current().select(FaultPlan.class).get().checkpoint(Point.DEAD_LETTERING, FaultPlan.currentKey());
        }
    }
}
