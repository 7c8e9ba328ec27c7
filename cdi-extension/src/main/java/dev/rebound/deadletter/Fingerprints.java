package dev.rebound.deadletter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Groups failures: the same exception type in the same handler thrown from the same place of the application
 * ({@link dev.rebound.Failure#site()}) is, most of the time, one bug. Stateless.
 */
public final class Fingerprints {

    private Fingerprints() {
    }

    /** The group key of a failure in a handler: 32 hex characters. */
    public static String of(dev.rebound.Failure failure, String handler) {
        return of(failure.exceptionClass(), handler, failure.site());
    }

    /** The group key of a failure: 32 hex characters. */
    public static String of(String exceptionClass, String handler, String failureSite) {
        String key = exceptionClass + "\n" + handler + "\n" + failureSite;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
