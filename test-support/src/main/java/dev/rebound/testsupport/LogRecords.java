package dev.rebound.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures what a logger and the loggers below it log while open, each record with its message formatted as a
 * reader of the log would see it (parameters filled in). Sets the logger's level to {@code FINEST} while open, so
 * that a test also sees what would be filtered; {@link #close()} puts the level back.
 */
public final class LogRecords extends Handler implements AutoCloseable {

    private static final SimpleFormatter FORMAT = new SimpleFormatter();

    private final Logger logger;
    private final Level previous;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogRecords(Logger logger) {
        this.logger = logger;
        this.previous = logger.getLevel();
        logger.setLevel(Level.FINEST);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /** What every logger under {@code dev.rebound} logs from now on. */
    public static LogRecords capture() {
        return of("dev.rebound");
    }

    /** What the logger of that name (a class or package name) and those below it log from now on. */
    public static LogRecords of(String logger) {
        return new LogRecords(Logger.getLogger(logger));
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    /** The records whose formatted message contains the text. */
    public List<LogRecord> containing(String text) {
        return records.stream().filter(r -> message(r).contains(text)).toList();
    }

    /** The records whose message, as logged (before its parameters are filled in), starts with the prefix. */
    public List<LogRecord> startingWith(String prefix) {
        return records.stream().filter(r -> r.getMessage() != null && r.getMessage().startsWith(prefix)).toList();
    }

    /** The formatted messages of the records whose message contains the text. */
    public List<String> messages(String text) {
        return containing(text).stream().map(LogRecords::message).toList();
    }

    /** The formatted messages logged at the level. */
    public List<String> messages(Level level) {
        return records(level).stream().map(LogRecords::message).toList();
    }

    /** The records logged at the level. */
    public List<LogRecord> records(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).toList();
    }

    /** Every formatted message, in order. */
    public List<String> all() {
        return records.stream().map(LogRecords::message).toList();
    }

    /** The record's message with its parameters filled in, as a log handler's formatter writes it. */
    public static String message(LogRecord record) {
        return FORMAT.formatMessage(record);
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
