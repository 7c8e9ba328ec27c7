package dev.rebound.dashboard.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the OpenTelemetry logging exporter wrote to the server's messages.log: one line per metric per
 * export, {@code metric: ImmutableMetricData{... name=<name>, ... points=[...{... attributes={k="v", ...},
 * value=<n>, ...}]}}. The latest line of a metric holds its current values.
 */
public final class ExportedMetrics {

    private final Path log;

    private ExportedMetrics(Path log) {
        this.log = log;
    }

    public static ExportedMetrics ofServer() {
        return new ExportedMetrics(Path.of(System.getProperty("wlp.home"), "usr", "servers",
                System.getProperty("liberty.server.name"), "logs", "messages.log"));
    }

    /** The latest exported line of the metric, or "" if it was not exported yet. */
    public String line(String name) {
        String marker = ", name=" + name + ",";
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).contains(marker)) {
                    return lines.get(i);
                }
            }
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The latest value of the point with exactly these attributes, 0 when not exported yet. */
    public long latest(String name, Map<String, String> attributes) {
        String value = value(name, attributes);
        return value == null ? 0 : Long.parseLong(value);
    }

    public double latestDouble(String name, Map<String, String> attributes) {
        String value = value(name, attributes);
        return value == null ? 0 : Double.parseDouble(value);
    }

    private String value(String name, Map<String, String> attributes) {
        StringBuilder expected = new StringBuilder();
        new TreeMap<>(attributes).forEach((k, v) -> expected.append(expected.length() == 0 ? "" : ", ")
                .append(k).append("=\"").append(v).append('"'));
        Matcher m = Pattern.compile("attributes=\\{" + Pattern.quote(expected.toString()) + "\\}, value=([0-9.E-]+)")
                .matcher(line(name));
        return m.find() ? m.group(1) : null;
    }
}
