package dev.rebound.opentelemetry.testing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Map;
import java.util.TreeMap;

/** A span's attributes by their names, for map assertions. */
public final class Spans {

    private Spans() {
    }

    public static Map<String, Object> attributes(SpanData span) {
        Map<String, Object> all = new TreeMap<>();
        span.getAttributes().forEach((AttributeKey<?> key, Object value) -> all.put(key.getKey(), value));
        return all;
    }
}
