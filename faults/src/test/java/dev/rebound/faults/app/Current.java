package dev.rebound.faults.app;

/**
 * What the thread is doing, for the fault points that Rebound's callbacks reach without the message: the key the
 * handler saw last on this consumer thread (routing and dead-lettering run on it right after the handler), and
 * whether the thread is replaying.
 */
final class Current {

    static final ThreadLocal<String> KEY = new ThreadLocal<>();
    /**
     * The key of the dead letter this thread has just written: in xa mode the dead letter is stored on the
     * message's redelivery, without the handler, so {@link #KEY} may belong to another message by then.
     */
    static final ThreadLocal<String> DEAD_LETTER_KEY = new ThreadLocal<>();
    private static final java.util.regex.Pattern JOB_KEY = java.util.regex.Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");

    static final ThreadLocal<Boolean> REPLAYING = ThreadLocal.withInitial(() -> false);

    /** The job's key in a stored body (JSON of a {@link Job}), or {@code null}. */
    static String keyIn(String body) {
        java.util.regex.Matcher found = body == null ? null : JOB_KEY.matcher(body);
        return found != null && found.find() ? found.group(1) : null;
    }

    /** The key of the dead letter just written on this thread (once), else the key the handler saw last. */
    static String deadLetterKey() {
        String key = DEAD_LETTER_KEY.get();
        DEAD_LETTER_KEY.remove();
        return key != null ? key : KEY.get();
    }

    private Current() {
    }
}
