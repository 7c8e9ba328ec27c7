package dev.rebound.dashboard;

/**
 * Every REBOUND message of the dashboard module, in one place (its range in CODES.md: 4101-4199). Public only so
 * that the readiness check and the metrics (their own packages, loaded only when their APIs are there) reach it;
 * not an API.
 */
public final class DashboardDiagnostics {

    private DashboardDiagnostics() {
    }

    // --- deployment: the settings

    public static String badReplayRate(String value) {
        return "REBOUND-4101: Config property rebound.dashboard.replay-rate=" + value
                + " is not valid: expected a whole number of messages per second, 1 or more.";
    }

    public static String badReconnectGrace(String property, String value) {
        return "REBOUND-4120: Config property " + property + "=" + value
                + " is not valid: expected a whole number of milliseconds, 0 or more.";
    }

    public static String badMaxLag(String property, String value) {
        return "REBOUND-4114: Config property " + property + "=" + value + " is not valid: expected a whole number "
                + "of milliseconds, 0 or more (0: the readiness check does not look at the channel's lag).";
    }

    public static String noHealth() {
        return "REBOUND-4109: MicroProfile Health is not available; Rebound's readiness check is off.";
    }

    public static String noTelemetry() {
        return "REBOUND-4110: The OpenTelemetry API is not visible (MicroProfile Telemetry, and on Open Liberty "
                + "apiTypeVisibility=\"+third-party\"); Rebound's metrics are off.";
    }

    // --- requests: access

    public static String logIn() {
        return "REBOUND-4102: Log in to use the Rebound dashboard.";
    }

    public static String readingNeedsRole(String viewerRole, String adminRole) {
        return "REBOUND-4103: Reading needs role " + viewerRole + " or " + adminRole + ".";
    }

    public static String changingNeedsRole(String adminRole) {
        return "REBOUND-4103: Changing dead letters needs role " + adminRole + ".";
    }

    public static String missingMarker(String header) {
        return "REBOUND-4104: A changing request must carry the header " + header + " (the dashboard page sends it).";
    }

    // --- requests: what they name

    public static String nothingNamed() {
        return "REBOUND-4105: Name what to replay or delete (channel, handler, "
                + "exceptionClass, fingerprint, from, to), or set \"all\": true.";
    }

    public static String badInstant(String name, String value) {
        return badParameter("REBOUND-4106", name, value, "an ISO-8601 instant such as 2026-01-31T12:00:00Z");
    }

    public static String badUuid(String name, String value) {
        return badParameter("REBOUND-4112", name, value, "a UUID");
    }

    private static String badParameter(String code, String name, String value, String expected) {
        return code + ": Parameter " + name + "=" + value + " is not " + expected + ".";
    }

    public static String noIds() {
        return "REBOUND-4107: Send {\"ids\": [...]} with the dead letter ids to act on.";
    }

    public static String tooManyIds(int max, int given) {
        return "REBOUND-4111: A selection holds at most " + max
                + " dead letter ids, not " + given + "; to act on more, select them by a filter "
                + "(POST replays, POST deletions).";
    }

    public static String nullId() {
        return "REBOUND-4113: The selection holds a null id.";
    }

    // --- metrics

    public static String figuresUnreadable() {
        return "REBOUND-4108: Could not read dead letter figures for metrics";
    }
}
