package dev.rebound.faults.app;

/** The application process's own facts: which process it is (1 = first), whether always-failing jobs are healed. */
public final class AppState {

    private final int incarnation;
    private final long workMs;
    private volatile boolean healed;

    AppState(int incarnation, long workMs, boolean healed) {
        this.incarnation = incarnation;
        this.workMs = workMs;
        this.healed = healed;
    }

    int incarnation() {
        return incarnation;
    }

    long workMs() {
        return workMs;
    }

    boolean healed() {
        return healed;
    }

    void heal() {
        healed = true;
    }
}
