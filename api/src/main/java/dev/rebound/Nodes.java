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
}
