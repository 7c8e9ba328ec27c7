package dev.rebound.faults.app;

/**
 * The command of the fault suite. {@code failures}: 0 never fails; n > 0 fails its first n attempts (counted per
 * application process); {@link #ALWAYS} fails until the application is told to heal; {@link #FIRST_PROCESS} fails
 * in the first application process only (a transient outage that ends with the restart: the redelivery after a
 * kill succeeds, which is what makes a message both handled and dead-lettered visible).
 */
public record Job(String key, int failures) {

    public static final int ALWAYS = -1;
    public static final int FIRST_PROCESS = -2;

    boolean fails(int attempt, boolean healed, int incarnation) {
        if (failures == ALWAYS) {
            return !healed;
        }
        if (failures == FIRST_PROCESS) {
            return incarnation == 1 && !healed;
        }
        return attempt <= failures;
    }
}
