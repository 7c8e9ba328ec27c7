package dev.rebound.dashboard.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small HTTP client for the tests, which run outside the server: anonymous or as a user of the basic registry. */
public final class Http {

    public static final String VIEWER = "viewer:viewer-secret";
    public static final String ADMIN = "admin:admin-secret";
    public static final String STRANGER = "stranger:stranger-secret";

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URL base;
    private final String credentials;

    private Http(URL base, String credentials) {
        this.base = base;
        this.credentials = credentials;
    }

    public static Http anonymous(URL base) {
        return new Http(base, null);
    }

    public static Http as(URL base, String credentials) {
        return new Http(base, credentials);
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    /** A changing request as the dashboard page sends it (with the X-Rebound-Request header). */
    public HttpResponse<String> post(String path, String json) {
        return send(request(path).header("X-Rebound-Request", "1").header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A changing request without the dashboard's header, as a form on another site could send it. */
    public HttpResponse<String> postWithoutMarker(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).header("X-Rebound-Request", "1").DELETE());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        if (credentials != null) {
            builder.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
