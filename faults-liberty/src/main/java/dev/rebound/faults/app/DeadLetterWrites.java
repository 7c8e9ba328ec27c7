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
        if (entity instanceof DeadLetterEntity letter) {
            // in jta mode the dead letter is written on the message's redelivery, without the handler: the key
            // the thread's handler saw last may be another message's, so it is read from the stored body
            String key = keyIn(body(letter));
            if (key != null) {
                FaultPlan.deadLettering(key);
            }
            CDI.current().select(FaultPlan.class).get().checkpoint(Point.DEAD_LETTERING, FaultPlan.currentKey());
        }
    }

    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");

    static String keyIn(String body) {
        java.util.regex.Matcher found = body == null ? null : KEY.matcher(body);
        return found != null && found.find() ? found.group(1) : null;
    }

    /** Rebound's entity keeps its fields package-private: read the body the way the JPA provider does. */
    private static String body(DeadLetterEntity letter) {
        try {
            java.lang.reflect.Field body = DeadLetterEntity.class.getDeclaredField("body");
            body.setAccessible(true);
            return (String) body.get(letter);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
