package dev.rebound.jms.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** The log records of a logger while open: each as its formatted message (parameters filled in). */
public final class LogRecords extends Handler implements AutoCloseable {

    private static final SimpleFormatter FORMAT = new SimpleFormatter();

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogRecords(Logger logger) {
        this.logger = logger;
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /** Collects what the logger of that name (a class name) logs from now on. */
    public static LogRecords of(String logger) {
        return new LogRecords(Logger.getLogger(logger));
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    /** The messages logged at the level, parameters filled in. */
    public List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).map(FORMAT::formatMessage).toList();
    }

    /** The records logged at the level. */
    public List<LogRecord> records(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
