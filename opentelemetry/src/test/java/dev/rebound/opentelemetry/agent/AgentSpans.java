package dev.rebound.opentelemetry.agent;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The spans the Java agent's SDK exported: its {@code logging-otlp} exporter writes each batch as one OTLP JSON line
 * (a {@code ResourceSpans}) through the agent's own logger, which prints to {@code System.err} as it is at each line;
 * {@link #install()} puts a tee there that reads those lines and passes everything on.
 */
final class AgentSpans {

    /** One exported span: what the tests look at. */
    record AgentSpan(String scope, String name, String kind, String traceId, String spanId, String parentId,
                     Map<String, String> attributes) {

        @Override
        public String toString() {
            return kind + " " + name + " [" + scope + "] " + spanId + " <- " + parentId + " " + attributes;
        }
    }

    private static final AgentSpans INSTANCE = new AgentSpans();
    private static final String[] KINDS = {"UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"};

    private final List<AgentSpan> spans = new CopyOnWriteArrayList<>();

    private static final String EXPORTER = "OtlpJsonLoggingSpanExporter - ";

    /** Reads the exporter's lines from now on. */
    static synchronized AgentSpans install() {
        if (!(System.err instanceof Tee)) {
            System.setErr(new Tee(System.err));
        }
        return INSTANCE;
    }

    /** System.err, read line by line on the way. */
    private static final class Tee extends PrintStream {

        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Tee(PrintStream out) {
            super(out, true, StandardCharsets.UTF_8);
        }

        @Override
        public synchronized void write(int b) {
            super.write(b);
            take(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) {
            super.write(buf, off, len);
            take(buf, off, len);
        }

        private void take(byte[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (buf[i] == '\n') {
                    String text = line.toString(StandardCharsets.UTF_8);
                    line.reset();
                    int at = text.indexOf(EXPORTER);
                    if (at >= 0) {
                        INSTANCE.read(text.substring(at + EXPORTER.length()).trim());
                    }
                } else {
                    line.write(buf[i]);
                }
            }
        }
    }

    void reset() {
        spans.clear();
    }

    List<AgentSpan> all() {
        return List.copyOf(spans);
    }

    List<AgentSpan> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    private void read(String line) {
        try (JsonReader reader = Json.createReader(new StringReader(line))) {
            JsonObject batch = reader.readObject();
            List<JsonValue> resources = batch.containsKey("resourceSpans") ? batch.getJsonArray("resourceSpans")
                    : List.of(batch);
            for (JsonValue resource : resources) {
                for (JsonValue scope : resource.asJsonObject().getJsonArray("scopeSpans")) {
                    String scopeName = scope.asJsonObject().getJsonObject("scope").getString("name", "");
                    for (JsonValue value : scope.asJsonObject().getJsonArray("spans")) {
                        spans.add(span(scopeName, value.asJsonObject()));
                    }
                }
            }
        }
    }

    private static AgentSpan span(String scope, JsonObject span) {
        Map<String, String> attributes = new java.util.TreeMap<>();
        for (JsonValue value : span.getJsonArray("attributes") == null ? List.<JsonValue>of()
                : span.getJsonArray("attributes")) {
            JsonObject attribute = value.asJsonObject();
            JsonObject any = attribute.getJsonObject("value");
            attributes.put(attribute.getString("key"), any.values().iterator().next().toString().replace("\"", ""));
        }
        return new AgentSpan(scope, span.getString("name"), KINDS[span.getInt("kind", 0)], span.getString("traceId"),
                span.getString("spanId"), span.getString("parentSpanId", ""), attributes);
    }

    static List<String> describe(List<AgentSpan> spans) {
        List<String> lines = new ArrayList<>();
        spans.forEach(s -> lines.add(s.toString()));
        return lines;
    }
}
