package dev.rebound.faults.app;

/** The application process's own facts: which process it is (1 = first), whether always-failing jobs are healed. */
public final class AppState {

    private final String node;
    private final int incarnation;
    private final long workMs;
    private final boolean nodes;
    private volatile boolean healed;

    AppState(String node, int incarnation, long workMs, boolean healed) {
        this(node, incarnation, workMs, healed, false);
    }

    AppState(String node, int incarnation, long workMs, boolean healed, boolean nodes) {
        this.nodes = nodes;
        this.node = node;
        this.incarnation = incarnation;
        this.workMs = workMs;
        this.healed = healed;
    }

    /** The node's name (Narayana's node identifier): {@code faults}, or another for a second application. */
    String node() {
        return node;
    }

    /** Several nodes ({@code faults.nodes=true}): a job's failures count Rebound's attempts, not this process's. */
    boolean nodes() {
        return nodes;
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
