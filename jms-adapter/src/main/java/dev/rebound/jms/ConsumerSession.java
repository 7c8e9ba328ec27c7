package dev.rebound.jms;

import jakarta.jms.JMSContext;
import jakarta.jms.Message;

/**
 * How one consumer thread takes a message off its queue as a unit of work, and ends the unit. One instance per
 * consumer thread, not thread-safe, except {@link #close()}, which stopping calls from another thread to abort
 * a unit in flight: its message then goes back to the queue.
 */
interface ConsumerSession extends AutoCloseable {

    /**
     * Begins a unit of work and waits up to {@code timeoutMs} for a message. Returns {@code null}, with the
     * unit already ended, when none arrived.
     */
    Message receive(long timeoutMs);

    /** The context for sends that belong to the current unit (a retry's re-send commits with the ack). */
    JMSContext context();

    /**
     * Whether the handler runs inside the unit's transaction (JTA/XA: the handler's database work and the
     * acknowledgement commit together); otherwise the handler runs in a transaction of its own before the ack.
     */
    boolean handlerJoins();

    /**
     * Runs {@code work} with no transaction on the thread: the unit's JTA transaction is suspended meanwhile and
     * resumed after (a JTA unit), or the work just runs (a unit that is no JTA transaction). For the decisions table
     * ({@link DecisionTable}), whose connections must not join the unit. The unit stays as it was.
     */
    <T> T outside(java.util.concurrent.Callable<T> work) throws Exception;

    /** Acknowledges the message and commits the sends of the unit; throws if the commit failed. */
    void commit();

    /** Ends the unit without acknowledging: the broker delivers the message again. Never throws. */
    void rollback();

    @Override
    void close();
}
