package dev.rebound.dedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The fixed-size row key of a (scope, key): the SHA-256 of the scope's length (4 bytes, big-endian), the scope and
 * the key, in UTF-8, in base64url without padding (43 ASCII characters), whatever the key's length. The digest is cloned from one made at class load,
 * which saves the provider lookup of {@code MessageDigest.getInstance} on every message.
 */
public final class DedupHash {

    /** The length of every hash: 32 bytes in base64 without padding. */
    public static final int LENGTH = 43;

    private static final MessageDigest PROTOTYPE;
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    static {
        try {
            PROTOTYPE = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e); // every Java platform has SHA-256
        }
    }

    private DedupHash() {
    }

    public static String of(String scope, String key) {
        MessageDigest digest = digest();
        byte[] scopeBytes = scope.getBytes(StandardCharsets.UTF_8);
        // the scope's length first: no (scope, key) pair can be read as another
        int length = scopeBytes.length;
        digest.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8),
                (byte) length});
        digest.update(scopeBytes);
        return BASE64.encodeToString(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest digest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }
}
