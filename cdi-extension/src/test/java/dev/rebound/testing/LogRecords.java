package dev.rebound.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what Rebound logs (every logger under {@code dev.rebound}) while open, formatted as a reader of the log
 * would see it. Sets the level to {@code FINEST} while open, so that a test also sees what would be filtered.
 */
public final class LogRecords extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger("dev.rebound");
    private final Level previous;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogRecords() {
        previous = logger.getLevel();
        logger.setLevel(Level.FINEST);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    public static LogRecords capture() {
        return new LogRecords();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    /** The records whose formatted message contains the text. */
    public List<LogRecord> containing(String text) {
        return records.stream().filter(r -> message(r).contains(text)).toList();
    }

    /** The formatted messages of the records whose message contains the text. */
    public List<String> messages(String text) {
        return containing(text).stream().map(LogRecords::message).toList();
    }

    /** Every formatted message, in order. */
    public List<String> all() {
        return records.stream().map(LogRecords::message).toList();
    }

    public static String message(LogRecord record) {
        Object[] parameters = record.getParameters();
        return parameters == null || parameters.length == 0 ? record.getMessage()
                : java.text.MessageFormat.format(record.getMessage(), parameters);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previous);
    }
}
