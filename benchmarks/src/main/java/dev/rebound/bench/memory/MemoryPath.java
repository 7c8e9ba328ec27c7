package dev.rebound.bench.memory;

/**
 * One path of the memory suite: an application (or Rebound's transports by themselves) that handles what the
 * suite feeds it, counted at its end. Each capability's package has its own (the outbox's, deduplication's).
 */
public interface MemoryPath extends AutoCloseable {

    /** The path's name in the results. */
    String name();

    /** What runs, for the report. */
    String describe();

    /** Starts handling. */
    void start() throws Exception;

    /** Sends the messages {@code from .. from+count-1} into the path. */
    void feed(long from, long count) throws Exception;

    /** Messages that reached the end of the path so far. */
    long handled();

    /** Messages fed and not handled yet, as the path's storage holds them (queue depth, rows). */
    long waiting() throws Exception;

    /**
     * After {@code total} messages: throws unless each was handled once and none is left (the path's ledger:
     * counts, rows, keys); returns what was checked, for the report.
     */
    String verify(long total) throws Exception;

    @Override
    void close() throws Exception;
}
