package dev.rebound.opentelemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Puts the trace and span id on Rebound's own log lines ({@code REBOUND-nnnn} of the {@code dev.rebound} loggers),
 * as {@code trace_id=… span_id=… trace_flags=…} at the end of the message: the keys OpenTelemetry's log
 * instrumentations put in the MDC of other logging libraries and its log data model uses. {@code java.util.logging}
 * has no MDC, and the OpenTelemetry Java agent's JUL bridge takes only the context current when a line is logged;
 * Rebound logs a failure after its attempt's span has ended, so the line names the failed attempt here.
 *
 * <p>The context is the attempt that failed last on the logging thread when the line names its message (the failure
 * lines: retrying, retries used up, captured, dead-lettered), else the current span. A handler on the
 * {@code dev.rebound} logger, which sees every record of the loggers below it before the root's handlers format it;
 * installed at deployment and removed at shutdown. It costs nothing per message: only a logged REBOUND line is
 * looked at.
 */
final class LogCorrelation extends Handler {

    /** The logger whose handlers see every Rebound line; held here, as the log manager keeps loggers weakly. */
    static final String LOGGER = "dev.rebound";
    static final String TRACE_ID = " trace_id=";

    /*
     * The attempt that failed last on this thread, as {message id, trace id, span id, flags}: kept until the next
     * failure (the line that names it may come after the failure's aftermath), as JDK types only, so that a server
     * thread does not keep the application's classes after it is undeployed.
     */
    private static final ThreadLocal<String[]> LAST_FAILED = new ThreadLocal<>();

    private static final Object LOCK = new Object();
    private static Logger logger;
    private static LogCorrelation installed;

    private LogCorrelation() {
        setLevel(Level.ALL);
    }

    /** Adds the handler to the {@code dev.rebound} logger, once. */
    static void install() {
        synchronized (LOCK) {
            if (installed == null) {
                logger = Logger.getLogger(LOGGER);
                installed = new LogCorrelation();
                logger.addHandler(installed);
            }
        }
    }

    /** Removes the handler (at shutdown). */
    static void uninstall() {
        synchronized (LOCK) {
            if (installed != null) {
                logger.removeHandler(installed);
                installed = null;
                logger = null;
            }
        }
    }

    /** Whether the handler is on the {@code dev.rebound} logger now. */
    static boolean isInstalled() {
        synchronized (LOCK) {
            return installed != null;
        }
    }

    /** Remembers the failed attempt of {@code messageId} on this thread, for the lines that follow about it. */
    static void failed(UUID messageId, SpanContext attempt) {
        if (attempt.isValid()) {
            LAST_FAILED.set(new String[] {messageId.toString(), attempt.getTraceId(), attempt.getSpanId(),
                    attempt.getTraceFlags().asHex()});
        }
    }

    @Override
    public void publish(LogRecord record) {
        String message = record.getMessage();
        if (message == null || !message.startsWith("REBOUND-") || message.contains(TRACE_ID)) {
            return;
        }
        String[] failed = LAST_FAILED.get();
        if (failed != null && names(record, failed[0])) {
            record.setMessage(message + TRACE_ID + failed[1] + " span_id=" + failed[2] + " trace_flags=" + failed[3]);
            return;
        }
        SpanContext current = Span.current().getSpanContext();
        if (current.isValid()) {
            record.setMessage(message + TRACE_ID + current.getTraceId() + " span_id=" + current.getSpanId()
                    + " trace_flags=" + current.getTraceFlags().asHex());
        }
    }

    /** Whether the line is about that message: its id in the text or among the parameters. */
    private static boolean names(LogRecord record, String messageId) {
        if (record.getMessage().contains(messageId)) {
            return true;
        }
        Object[] parameters = record.getParameters();
        if (parameters != null) {
            for (Object parameter : parameters) {
                if (parameter != null && messageId.equals(parameter.toString())) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
