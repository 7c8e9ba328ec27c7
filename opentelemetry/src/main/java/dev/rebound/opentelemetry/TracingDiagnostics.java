package dev.rebound.opentelemetry;

/**
 * Every REBOUND message of the OpenTelemetry module, in one place (its ranges in CODES.md: 1060-1069 at run time,
 * 2110-2119 at deployment).
 */
final class TracingDiagnostics {

    private TracingDiagnostics() {
    }

    // --- run time

    /** Logged once, when the interceptor is made: what it traces with. */
    static String tracing(String openTelemetry, DelayedRetryTrace mode) {
        return "REBOUND-1060: Rebound traces its messages with " + openTelemetry + " (semantic conventions "
                + TracingNames.SEMCONV_VERSION + "); the delivery after a delayed retry "
                + (mode == DelayedRetryTrace.LINK ? "starts a new trace, linked to the failed attempt and the creation"
                : "continues the trace of the failed attempt") + ".";
    }

    /**
     * Logged once, when the interceptor is made, if it traces with the OpenTelemetry Java agent's SDK and the agent's
     * JMS instrumentation is on.
     */
    static String agentJmsInstrumentation() {
        return "REBOUND-1063: Rebound traces with the OpenTelemetry Java agent, whose JMS instrumentation is on: on a"
                + " JMS channel it adds a '<queue> publish' span beside Rebound's 'send', a '<queue> receive' span"
                + " beside Rebound's 'process', and replaces the traceparent JMS property Rebound wrote with its own"
                + " (Rebound still follows its own context, in rebound_metadata). Set"
                + " otel.instrumentation.jms.enabled=false (OTEL_INSTRUMENTATION_JMS_ENABLED=false) for the agent, so"
                + " that each message has one send and one process span and one traceparent.";
    }

    // --- deployment

    static String badDelayedRetryMode(String value) {
        return "REBOUND-2110: " + TracingNames.DELAYED_RETRY_PROPERTY + "=" + value
                + " is not valid: 'link' (a new trace, linked) or 'continue' (the same trace) is expected";
    }
}
