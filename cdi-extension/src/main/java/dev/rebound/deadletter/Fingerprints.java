package dev.rebound.deadletter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Groups failures: the same exception type in the same handler thrown from the same place of the application
 * is, most of the time, one bug. The place is the first stack frame that belongs to the application (not to
 * the JDK, Jakarta EE, the server or Rebound), as {@code Class.method} without the line number, so that a
 * redeployment that only moves lines keeps its group. Stateless.
 */
public final class Fingerprints {

    /** Frames of packages starting so are infrastructure, never the application's failure site. */
    private static final List<String> INFRASTRUCTURE = List.of("java.", "javax.", "jakarta.", "jdk.", "sun.",
            "com.sun.", "dev.rebound.core.", "org.jboss.", "org.hibernate.", "org.eclipse.", "org.apache.",
            "org.glassfish.", "com.ibm.", "io.openliberty.", "io.smallrye.", "io.agroal.", "com.arjuna.",
            "org.junit.", "net.bytebuddy.", "org.postgresql.");

    /** Rebound's own packages, exactly: an application may live in a package below them. */
    private static final Set<String> REBOUND = Set.of("dev.rebound", "dev.rebound.spi", "dev.rebound.cdi",
            "dev.rebound.config", "dev.rebound.deadletter", "dev.rebound.jms", "dev.rebound.dashboard");

    private Fingerprints() {
    }

    /** The first application frame of a stack trace as {@code Class.method}, or {@code null} if none. */
    public static String failureSite(String stackTrace) {
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
