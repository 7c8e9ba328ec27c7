package dev.rebound.faults.support;

import dev.rebound.faults.app.Point;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/** The fault application's control API ({@code dev.rebound.faults.app.ControlResource}), plain text over HTTP. */
public final class FaultsApi {

    private final String base = LibertyServer.required("faults.url");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Sends keys {@code <prefix>-1} .. {@code <prefix>-<count>} and returns them. */
    public List<String> send(String prefix, int count) {
        post("work?prefix=" + encode(prefix) + "&count=" + count);
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + "-" + i).toList();
    }

    public void fail(String key, int times) {
        post("plan/fail?key=" + encode(key) + "&times=" + times);
    }

    public void failAll(String prefix) {
        post("plan/fail-all?prefix=" + encode(prefix));
    }

    public void heal() {
        post("plan/heal");
    }

    public void hold(Point point, String key) {
        post("plan/hold?point=" + point + (key == null ? "" : "&key=" + encode(key)));
    }

    public String reached() {
        return get("plan/reached");
    }

    public void pace(long ms) {
        post("plan/pace?ms=" + ms);
    }

    /** The database's tables stay locked for {@code ms}; returns once they are. */
    public void hangDatabase(long ms) {
        post("database/hang?ms=" + ms);
    }

    public void reset() {
        post("plan/reset");
    }

    /** Replays the dead letters of the keys with the prefix; returns how many were handled. */
    public int replay(String prefix) {
        return Integer.parseInt(post("dead-letters/replay?prefix=" + encode(prefix)).strip());
    }

    /** A replay whose request is expected never to answer (the JVM is killed under it). */
    public CompletableFuture<HttpResponse<String>> replayInBackground(String prefix) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/dead-letters/replay?prefix=" + encode(prefix)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    public Ledger ledger(String prefix) {
        return Ledger.parse(get("ledger?prefix=" + encode(prefix)));
    }

    private String post(String path) {
        return call(HttpRequest.newBuilder(URI.create(base + "/" + path)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private String get(String path) {
        return call(HttpRequest.newBuilder(URI.create(base + "/" + path)).timeout(Duration.ofSeconds(60)).GET().build());
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
