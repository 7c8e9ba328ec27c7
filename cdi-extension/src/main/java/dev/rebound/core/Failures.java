package dev.rebound.core;

import dev.rebound.ErrorMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;

/** Turns a failed delivery into an {@link ErrorMessage}. Stateless apart from the clock; thread-safe. */
public final class Failures {

    private final Clock clock;

    public Failures(Clock clock) {
        this.clock = clock;
    }

    public ErrorMessage errorMessage(Delivery delivery, Throwable failure) {
        Throwable root = rootCause(failure);
        HandlerMethod handler = delivery.currentHandler();
        return new ErrorMessage(delivery.message(), failure.getClass().getName(), failure.getMessage(),
                root.getClass().getName(), root.getMessage(), stackTrace(failure),
                handler == null ? null : handler.id(), delivery.origin(), delivery.attempts(), clock.instant(),
                failure);
    }

    public static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 64; depth++) {
            root = root.getCause();
        }
        return root;
    }

    /** The stack trace as text, cut to {@link ErrorMessage#MAX_STACK_TRACE_LENGTH} characters. */
    public static String stackTrace(Throwable failure) {
        StringWriter out = new StringWriter();
        failure.printStackTrace(new PrintWriter(out));
        String trace = out.toString();
        int max = ErrorMessage.MAX_STACK_TRACE_LENGTH;
        return trace.length() <= max ? trace : trace.substring(0, max - 20) + "\n\t... (truncated)";
    }
}
