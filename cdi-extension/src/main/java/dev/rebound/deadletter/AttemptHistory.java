package dev.rebound.deadletter;

import dev.rebound.FailedAttempt;
import dev.rebound.Failure;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The failures of a dead letter as a bounded JSON array in one text column. A column rather than a child
 * table keeps the persistence set-up at one entity, and plain text maps the same on PostgreSQL (text) and
 * Derby (CLOB) with Hibernate and EclipseLink. Bounded by {@link FailedAttempt#MAX_KEPT} entries of bounded
 * messages, so a message that fails forever cannot grow its row forever. Stateless.
 */
final class AttemptHistory {

    private AttemptHistory() {
    }

    /**
     * Looked up once, on first use: {@code Json.create*} searches the class path for a provider (ServiceLoader) on
     * every call, which made reading a page of dead letters cost a class path scan per row.
     */
    private static final class Provider {
        static final JsonProvider JSON = JsonProvider.provider();
    }

    /** The history with {@code attempt} appended, the oldest entries dropped beyond the bound. */
    static String append(String json, FailedAttempt attempt) {
        List<FailedAttempt> all = new ArrayList<>(read(json));
        all.add(attempt);
        return write(all.subList(Math.max(0, all.size() - FailedAttempt.MAX_KEPT), all.size()));
    }

    static String write(List<FailedAttempt> attempts) {
        JsonArrayBuilder array = Provider.JSON.createArrayBuilder();
        for (FailedAttempt a : attempts) {
            JsonObjectBuilder entry = Provider.JSON.createObjectBuilder()
                    .add("at", a.failedAt().toEpochMilli())
                    .add("attempts", a.attempts());
            Failure f = a.failure();
            add(entry, "exception", f.exceptionClass());
            add(entry, "message", f.exceptionMessage());
            add(entry, "rootCause", f.rootCauseClass());
            add(entry, "rootCauseMessage", f.rootCauseMessage());
            add(entry, "site", f.site());
            array.add(entry);
        }
        return array.build().toString();
    }

    /** The entries of a stored history; an absent or unreadable one is empty (it is informational only). */
    static List<FailedAttempt> read(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try (JsonReader reader = Provider.JSON.createReader(new StringReader(json))) {
            List<FailedAttempt> found = new ArrayList<>();
            for (JsonValue value : reader.readArray()) {
                JsonObject o = value.asJsonObject();
                found.add(new FailedAttempt(Instant.ofEpochMilli(o.getJsonNumber("at").longValue()),
                        o.getInt("attempts"), new Failure(text(o, "exception"), text(o, "message"),
                        text(o, "rootCause"), text(o, "rootCauseMessage"), null, text(o, "site"))));
            }
            return found;
        } catch (RuntimeException unreadable) {
            return List.of();
        }
    }

    private static void add(JsonObjectBuilder entry, String key, String value) {
        if (value != null) {
            entry.add(key, value);
        }
    }

    private static String text(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v == null || v == JsonValue.NULL ? null : o.getString(key);
    }
}
