package dev.rebound.scenarios.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * H2 aliases standing in for the hash functions of MySQL, Oracle and SQL Server in
 * {@link OtherDatabasesSyntaxSmokeTest}, each returning what its database's function does.
 */
public final class HashAliases {

    private HashAliases() {
    }

    /** MySQL's MD5(text): the lower-case hex of the MD5 of the text's UTF-8 bytes. */
    public static String md5(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(digest("MD5", text));
    }

    /** The digest's bytes, as Oracle's STANDARD_HASH(text, algorithm) returns them. */
    public static byte[] digest(String algorithm, String text) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** SQL Server's CONVERT(VARCHAR(32), HASHBYTES(algorithm, text), 2), which H2 cannot parse (see the test). */
    public static String hexDigest(String algorithm, String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(digest(algorithm, text));
    }

    public static byte[] standardHash(String text, String algorithm) throws NoSuchAlgorithmException {
        return digest(algorithm, text);
    }
}
