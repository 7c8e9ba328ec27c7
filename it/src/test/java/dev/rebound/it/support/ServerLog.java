package dev.rebound.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The managed server's messages.log, read on the client side: a failed deployment's exception cannot reach a
 * testable=false test, but its message is logged there.
 */
public final class ServerLog {

    private ServerLog() {
    }

    /** Whether some logged occurrence of {@code code} names {@code subject} in the same message. */
    public static boolean mentions(String code, String subject) {
        String log = read();
        for (int at = log.indexOf(code); at >= 0; at = log.indexOf(code, at + 1)) {
            if (log.substring(at, Math.min(log.length(), at + 1200)).contains(subject)) {
                return true;
            }
        }
        return false;
    }

    private static String read() {
        Path log = Path.of(System.getProperty("wlp.home"), "usr", "servers",
                System.getProperty("liberty.server.name", "reboundIt"), "logs", "messages.log");
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + log, e);
        }
    }
}
