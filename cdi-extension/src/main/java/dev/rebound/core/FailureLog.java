package dev.rebound.core;

import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * How failures appear in the log, read once at deployment ({@code rebound.log.retries},
 * {@code rebound.log.failure-detail}). Exception texts often carry payload data (an order, an account
 * number), so an operator may keep them out of the log: retries can be logged at a lower level or not at
 * all, and a failure can be shown by its type only. A value; thread-safe.
 *
 * @param retryLevel level of the line logged for each retry (instant or delayed), or {@code null} for none
 * @param withMessage whether a failure is shown with its message ({@code Type: message}) or by type only
 */
public record FailureLog(Level retryLevel, boolean withMessage) {

    /** Property: {@code info} (default), {@code fine} or {@code off}. */
    public static final String RETRIES = "rebound.log.retries";
    /** Property: {@code message} (default) or {@code type}. */
    public static final String FAILURE_DETAIL = "rebound.log.failure-detail";

    /** Today's behaviour: each retry at INFO, failures with their message. */
    public static final FailureLog DEFAULT = new FailureLog(Level.INFO, true);

    /** Longest failure text in a log line; a message of megabytes would otherwise be logged on every retry. */
    static final int MAX_DETAIL = 1000;

    /** Line breaks and the blanks around them, folded into one space (compiled once, not per failure). */
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*[\\r\\n]+\\s*");

    /**
     * @param retries value of {@link #RETRIES}, or {@code null}
     * @param detail value of {@link #FAILURE_DETAIL}, or {@code null}
     * @throws IllegalArgumentException with a deployment message for other values
     */
    public static FailureLog of(String retries, String detail) {
        Level level = switch (retries == null ? "info" : retries.toLowerCase(Locale.ROOT)) {
            case "info" -> Level.INFO;
            case "fine" -> Level.FINE;
            case "off" -> null;
            default -> throw new IllegalArgumentException(Diagnostics.badConfigValue(RETRIES, retries,
                    "one of info, fine, off"));
        };
        boolean message = switch (detail == null ? "message" : detail.toLowerCase(Locale.ROOT)) {
            case "message" -> true;
            case "type" -> false;
            default -> throw new IllegalArgumentException(Diagnostics.badConfigValue(FAILURE_DETAIL, detail,
                    "one of message, type"));
        };
        return new FailureLog(level, message);
    }

    /** Logs a retry line (a {@link java.text.MessageFormat} pattern) at the configured level, if any. */
    public void retry(Logger log, String format, Object... parameters) {
        if (retryLevel != null && log.isLoggable(retryLevel)) {
            log.log(retryLevel, format, parameters);
        }
    }

    /**
     * The failure on one line: {@code Type: message} (line breaks folded, cut at {@value #MAX_DETAIL}
     * characters), or with detail {@code type} the exception type and that of its root cause.
     */
    public String describe(Throwable failure) {
        if (!withMessage) {
            Throwable root = dev.rebound.Failure.rootCause(failure);
            return root == failure ? failure.getClass().getName()
                    : failure.getClass().getName() + " (root cause " + root.getClass().getName() + ")";
        }
        String text = LINE_BREAKS.matcher(String.valueOf(failure)).replaceAll(" ");
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "...";
    }
}
