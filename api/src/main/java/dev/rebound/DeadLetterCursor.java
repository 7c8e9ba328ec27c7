package dev.rebound;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a page of dead letters ended: the first failure time and dead letter id of its last item. The next
 * page starts strictly after it in the order (first failure, dead letter id), so pages neither skip nor repeat items
 * while other dead letters are added or removed, and a page costs the same at any depth.
 *
 * @param failedAt the last item's first failure
 * @param id the last item's dead letter id ({@link DeadLetter#id()})
 */
public record DeadLetterCursor(Instant failedAt, UUID id) {

    public DeadLetterCursor {
        Objects.requireNonNull(failedAt, "failedAt");
        Objects.requireNonNull(id, "id");
    }

    /** The cursor after this dead letter. */
    public static DeadLetterCursor after(DeadLetter letter) {
        return new DeadLetterCursor(letter.failedAt(), letter.id());
    }

    /** An opaque, URL-safe text form, read back by {@link #parse}. */
    public String token() {
        String plain = failedAt.toEpochMilli() + "/" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a {@link #token()}.
     *
     * @throws IllegalArgumentException if the text is not a cursor token
     */
    public static DeadLetterCursor parse(String token) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int slash = plain.indexOf('/');
            return new DeadLetterCursor(Instant.ofEpochMilli(Long.parseLong(plain.substring(0, slash))),
                    UUID.fromString(plain.substring(slash + 1)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("REBOUND-4001: '" + token + "' is not a dead letter page cursor; "
                    + "pass the 'next' value of the previous page.", e);
        }
    }
}
