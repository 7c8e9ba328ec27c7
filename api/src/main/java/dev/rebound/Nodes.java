package dev.rebound;

import java.time.Duration;
import java.util.List;

/**
 * The nodes (processes) of the application that share its database, as its node registry (table
 * {@code rebound_node}) knows them: each node writes its name, its consumers' state per channel and a heartbeat at
 * its start and then every {@code rebound.node.heartbeat-ms}, and marks itself stopped when it shuts down. A node
 * not heard from in three of its intervals is {@link Node.State#NOT_SEEN}. Injectable; thread-safe.
 *
 * <p>Without a database (no EntityManager, or no transaction manager) the registry is off (REBOUND-2196 at start):
 * {@link #shared()} is false and {@link #list()} has this node only. Nothing here carries an exception's text.
 */
public interface Nodes {

    /** This node's name ({@code rebound.node}, by default the JVM's {@code pid@host}). */
    String self();

    /** Whether the nodes share a registry (a database); when false, {@link #list()} has this node only. */
    boolean shared();

    /** How often this node writes its heartbeat. */
    Duration heartbeat();

    /**
     * Every node known: this one first (its consumers as they are now), then the others by name, as their last
     * heartbeat left them. Read from the database in a transaction of its own; when it cannot be read, this node
     * only (REBOUND-2199).
     */
    List<Node> list();

    /**
     * Pauses the channel's consumers on every node: on this one now (as {@link Consumers#pause}), on the others at
     * their next heartbeat, so within one of their intervals; a node that starts later starts with it paused. Each
     * node applies each change once: a {@link Consumers#resume} on one node afterwards holds there until the next
     * change everywhere.
     *
     * @throws IllegalArgumentException if the channel is not asynchronous (REBOUND-2070)
     * @throws IllegalStateException without a registry (REBOUND-2054): pause it on each node
     */
    void pauseEverywhere(String channel);

    /**
     * Resumes the channel's consumers on every node where they do not consume (paused, or stopped by {@code STOP}):
     * on this one now, on the others at their next heartbeat. Nodes that started while it was paused everywhere
     * resume it too.
     *
     * @throws IllegalArgumentException if the channel is not asynchronous (REBOUND-2070)
     * @throws IllegalStateException without a registry (REBOUND-2054)
     */
    void resumeEverywhere(String channel);

    /** The channels whose last change everywhere is a pause, in name order; empty without a registry. */
    java.util.Set<String> pausedEverywhere();
}
