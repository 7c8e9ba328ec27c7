package dev.rebound.jms;

import dev.rebound.Failure;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link Decision} as the JSON text of its row in {@code rebound_decision} ({@link DecisionTable}) and back: the
 * fields of {@link SharedDecisions}' notices, {@code {"kind", "channel", "delayMs", "turn", "storeFailed",
 * "failure": {...}, "metadata": {...}}}. Never the exception nor the payload (a decision is kept without them).
 */
final class DecisionJson {

    /** Looked up once: each {@code Json.create*} call scans the class path for a provider. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private DecisionJson() {
    }

    static String write(Decision d) {
        JsonObjectBuilder o = JSON.createObjectBuilder().add("kind", d.kind().name());
        if (d.channel() != null) {
            o.add("channel", d.channel());
        }
        o.add("delayMs", d.delayMs()).add("turn", d.turn()).add("storeFailed", d.storeFailed());
        FailureText f = d.failure();
        if (f != null) {
            Failure c = f.cause();
            JsonObjectBuilder failure = JSON.createObjectBuilder().add("class", c.exceptionClass());
            add(failure, "message", c.exceptionMessage());
            add(failure, "rootClass", c.rootCauseClass());
            add(failure, "rootMessage", c.rootCauseMessage());
            add(failure, "stackTrace", c.stackTrace());
            add(failure, "site", c.site());
            add(failure, "handler", f.handler());
            add(failure, "origin", f.origin());
            failure.add("attempts", f.attempts()).add("failedAt", f.failedAt().toString());
            o.add("failure", failure);
        }
        if (d.metadata() != null) {
            JsonObjectBuilder metadata = JSON.createObjectBuilder();
            d.metadata().forEach((k, v) -> {
                if (v == null) {
                    metadata.addNull(k);
                } else {
                    metadata.add(k, v);
                }
            });
            o.add("metadata", metadata);
        }
        return o.build().toString();
    }

    /**
     * The decision of a row's text.
     *
     * @throws RuntimeException if it cannot be read (a row of a later version, or damaged)
     */
    static Decision read(String text) {
        JsonObject o;
        try (var reader = JSON.createReader(new StringReader(text))) {
            o = reader.readObject();
        }
        FailureText failure = null;
        JsonObject f = o.getJsonObject("failure");
        if (f != null) {
            failure = new FailureText(new Failure(f.getString("class"), f.getString("message", null),
                    f.getString("rootClass", null), f.getString("rootMessage", null), f.getString("stackTrace", null),
                    f.getString("site", null)), f.getString("handler", null), f.getString("origin", null),
                    f.getInt("attempts"), Instant.parse(f.getString("failedAt")));
        }
        Map<String, String> metadata = null;
        JsonObject m = o.getJsonObject("metadata");
        if (m != null) {
            metadata = new LinkedHashMap<>();
            for (Map.Entry<String, JsonValue> e : m.entrySet()) {
                metadata.put(e.getKey(), e.getValue() instanceof JsonString s ? s.getString()
                        : e.getValue() == JsonValue.NULL ? null : e.getValue().toString());
            }
            metadata = Collections.unmodifiableMap(metadata);
        }
        return new Decision(Decision.Kind.valueOf(o.getString("kind")), o.getString("channel", null),
                o.getJsonNumber("delayMs").longValue(), failure, o.getInt("turn"), o.getBoolean("storeFailed"), null,
                metadata);
    }

    private static void add(JsonObjectBuilder o, String name, String value) {
        if (value != null) {
            o.add(name, value);
        }
    }
}
