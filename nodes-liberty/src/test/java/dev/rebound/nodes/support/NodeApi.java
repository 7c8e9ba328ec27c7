package dev.rebound.nodes.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/** One node's control API ({@code dev.rebound.nodes.app.ControlResource}, LedgerResource), plain text over HTTP. */
public final class NodeApi {

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    NodeApi(String base) {
        this.base = base;
    }

    /** Sends keys {@code <prefix>-1} .. {@code <prefix>-<count>} through this node's gateway and returns them. */
    public List<String> send(String channel, String prefix, int count) {
        post("send?channel=" + channel + "&prefix=" + encode(prefix) + "&count=" + count);
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + "-" + i).toList();
    }

    public void failAll(String prefix) {
        post("plan/fail-all?prefix=" + encode(prefix));
    }

    /** How often each key with the prefix failed on this node, as its plan asked. */
    public Map<String, Integer> failures(String prefix) {
        Map<String, Integer> counts = new TreeMap<>();
        get("plan/failures?prefix=" + encode(prefix)).lines().filter(line -> !line.isBlank()).forEach(line -> {
            String[] f = line.split(" ");
            counts.put(f[0], Integer.parseInt(f[1]));
        });
        return counts;
    }

    public void heal() {
        post("plan/heal");
    }

    public void pace(long ms) {
        post("plan/pace?ms=" + ms);
    }

    /** Pauses this node's consumers of the channel; returns their state ({@code STATE live}). */
    public String pause(String channel) {
        return post("consumers/pause?channel=" + channel).strip();
    }

    public String resume(String channel) {
        return post("consumers/resume?channel=" + channel).strip();
    }

    /** This node's consumers of the channel: {@code STATE live}, e.g. {@code CONSUMING 2}. */
    public String status(String channel) {
        return get("consumers/status?channel=" + channel).strip();
    }

    /** The dead letters of the keys with the prefix as this node lists them: {@code id key failure} lines. */
    public List<String> deadLetters(String prefix) {
        return get("dead-letters?prefix=" + encode(prefix)).lines().toList();
    }

    /** Replays, on this node, the dead letters of the keys with the prefix; returns how many were handled. */
    public int replay(String prefix) {
        return Integer.parseInt(post("dead-letters/replay?prefix=" + encode(prefix)).strip());
    }

    public Ledger ledger(String prefix) {
        return Ledger.parse(get("ledger?prefix=" + encode(prefix)));
    }

    private String post(String path) {
        return call(HttpRequest.newBuilder(URI.create(base + "/" + path)).timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private String get(String path) {
        return call(HttpRequest.newBuilder(URI.create(base + "/" + path)).timeout(Duration.ofSeconds(120)).GET()
                .build());
    }

    private String call(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
