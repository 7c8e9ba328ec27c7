package dev.rebound;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;

/**
 * Why a message failed, as plain text that survives storage and transport: what an {@link ErrorMessage}, a
 * {@link DeadLetter}, a stored {@code DeadLetterRecord} and each {@link FailedAttempt} of a dead letter's history
 * say about the exception. Made from the exception by {@link #of(Throwable)}, the one place that derives it.
 *
 * @param exceptionClass class name of the exception that ended the attempt
 * @param exceptionMessage its message, or {@code null}
 * @param rootCauseClass class name of its innermost cause (the exception itself when it has none)
 * @param rootCauseMessage the root cause's message, or {@code null}
 * @param stackTrace the exception's stack trace, cut to {@link #MAX_STACK_TRACE_LENGTH} characters; {@code null}
 *        where it is not kept (the entries of a dead letter's history)
 * @param site the first stack frame that belongs to the application, not to the JDK, Jakarta EE, the server or
 *        Rebound, as {@code Class.method} without the line number ({@link #siteOf}); {@code null} if there is none
 */
public record Failure(String exceptionClass, String exceptionMessage, String rootCauseClass, String rootCauseMessage,
                      String stackTrace, String site) {

    /** Stack traces longer than this are cut, so that one failure cannot flood a table or a queue. */
    public static final int MAX_STACK_TRACE_LENGTH = 16_000;

    /**
     * A dead letter keeps the exception's and the root cause's message cut to this many characters ({@link #cut}):
     * an exception message may quote a whole payload, and one failure must not flood the table.
     */
    public static final int MAX_MESSAGE_LENGTH = 4_000;

    private static final String CUT = "... (truncated)";

    /** Frames of packages starting so are infrastructure, never the application's failure site. */
    private static final List<String> INFRASTRUCTURE = List.of("java.", "javax.", "jakarta.", "jdk.", "sun.",
            "com.sun.", "dev.rebound.core.", "org.jboss.", "org.hibernate.", "org.eclipse.", "org.apache.",
            "org.glassfish.", "com.ibm.", "io.openliberty.", "io.smallrye.", "io.agroal.", "com.arjuna.",
            "org.junit.", "net.bytebuddy.", "org.postgresql.");

    /** Rebound's own packages, exactly: an application may live in a package below them. */
    private static final Set<String> REBOUND = Set.of("dev.rebound", "dev.rebound.spi", "dev.rebound.cdi",
            "dev.rebound.config", "dev.rebound.deadletter", "dev.rebound.jms", "dev.rebound.dashboard");

    /**
     * The failure of an exception: its messages whole (a store cuts them, {@link #cut}), the stack trace cut to
     * {@link #MAX_STACK_TRACE_LENGTH}, the site found in it. The root cause is looked for at most 64 causes deep,
     * so that a cycle of causes ends.
     */
    public static Failure of(Throwable exception) {
        Throwable root = rootCause(exception);
        String trace = stackTraceOf(exception);
        return new Failure(exception.getClass().getName(), exception.getMessage(), root.getClass().getName(),
                root.getMessage(), trace, siteOf(trace));
    }

    /**
     * The failure of an exception without stack trace and site, its messages whole: what a log line or a retry
     * decision needs, without the cost of printing the stack trace.
     */
    public static Failure briefOf(Throwable exception) {
        Throwable root = rootCause(exception);
        return new Failure(exception.getClass().getName(), exception.getMessage(), root.getClass().getName(),
                root.getMessage(), null, null);
    }

    /** The innermost cause of an exception (itself when it has none), at most 64 causes deep. */
    public static Throwable rootCause(Throwable exception) {
        Throwable root = exception;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 64; depth++) {
            root = root.getCause();
        }
        return root;
    }

    private static String stackTraceOf(Throwable exception) {
        StringWriter out = new StringWriter();
        exception.printStackTrace(new PrintWriter(out));
        String trace = out.toString();
        int max = MAX_STACK_TRACE_LENGTH;
        return trace.length() <= max ? trace : trace.substring(0, max - 20) + "\n\t... (truncated)";
    }

    /**
     * The first application frame of a stack trace as {@code Class.method} (module and line number dropped, so that
     * a redeployment that only moves lines keeps the site), or {@code null} if there is none. For failures known
     * only as text, such as one carried by a broker message; {@link #of(Throwable)} uses it too.
     */
    public static String siteOf(String stackTrace) {
        if (stackTrace == null) {
            return null;
        }
        for (String line : stackTrace.split("\n")) {
            String frame = line.strip();
            if (!frame.startsWith("at ")) {
                continue;
            }
            int paren = frame.indexOf('(');
            String method = (paren < 0 ? frame.substring(3) : frame.substring(3, paren)).strip();
            int module = method.indexOf('/');
            method = module < 0 ? method : method.substring(module + 1);
            if (isApplication(method)) {
                return method;
            }
        }
        return null;
    }

    private static boolean isApplication(String method) {
        if (method.contains("$$") || method.contains("$Proxy") || method.startsWith("jdk.proxy")) {
            return false;
        }
        int lastDot = method.lastIndexOf('.');
        int classDot = lastDot < 0 ? -1 : method.lastIndexOf('.', lastDot - 1);
        if (classDot > 0 && REBOUND.contains(method.substring(0, classDot))) {
            return false;
        }
        for (String prefix : INFRASTRUCTURE) {
            if (method.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    /**
     * This failure with both messages cut to at most {@code maxLength} characters (ending in
     * {@code "... (truncated)"} when cut); the stack trace is kept.
     */
    public Failure cut(int maxLength) {
        return new Failure(exceptionClass, cut(exceptionMessage, maxLength), rootCauseClass,
                cut(rootCauseMessage, maxLength), stackTrace, site);
    }

    /** This failure without its stack trace: what a history entry keeps. */
    public Failure withoutStackTrace() {
        return new Failure(exceptionClass, exceptionMessage, rootCauseClass, rootCauseMessage, null, site);
    }

    /** {@code class: message}, as {@link Throwable#toString()} says it. */
    public String summary() {
        return exceptionMessage == null ? exceptionClass : exceptionClass + ": " + exceptionMessage;
    }

    /** A text cut to at most {@code max} characters, ending in {@code "... (truncated)"} when cut. */
    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return max <= CUT.length() ? text.substring(0, max) : text.substring(0, max - CUT.length()) + CUT;
    }
}
