package dev.rebound.dashboard.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Drives the test shop and reads the dashboard API from outside the server. */
public final class Shop {

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    private final Http shop;
    private final Http admin;

    public Shop(URL base) {
        this.shop = Http.anonymous(base);
        this.admin = Http.as(base, Http.ADMIN);
    }

    public void reset() {
        ok(shop.post("test/shop/reset", null));
        ok(shop.post("test/shop/carrier/false", null));
        ok(shop.post("test/shop/ledger-read-only/false", null));
    }

    public void carrierDown(boolean down) {
        ok(shop.post("test/shop/carrier/" + down, null));
    }

    public void ship(String orderId) {
        ok(shop.post("test/shop/ship/" + orderId, null));
    }

    public String shipped() {
        return ok(shop.get("test/shop/shipped")).body();
    }

    public void ledgerReadOnly(boolean readOnly) {
        ok(shop.post("test/shop/ledger-read-only/" + readOnly, null));
    }

    public void post(String entryId) {
        ok(shop.post("test/shop/ledger/" + entryId, null));
    }

    public String posted() {
        return ok(shop.get("test/shop/posted")).body();
    }

    public void restartConsumers() {
        ok(shop.post("test/shop/restart-consumers", null));
    }

    /** Ships an order while the carrier is down and waits until it is a dead letter; returns its message id. */
    public String deadLetter(String orderId) {
        carrierDown(true);
        ship(orderId);
        return await().atMost(Duration.ofSeconds(30)).until(() -> idOf(orderId), id -> id != null);
    }

    /** The message id of the dead letter of this order, or null. */
    public String idOf(String orderId) {
        for (String id : ids()) {
            String details = ok(admin.get("rebound/api/dead-letters/" + id)).body();
            if (details.contains(orderId)) {
                return id;
            }
        }
        return null;
    }

    public List<String> ids() {
        Matcher m = ID.matcher(ok(admin.get("rebound/api/dead-letters?limit=1000")).body());
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    public static HttpResponse<String> ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.uri() + " answered " + response.body()).isBetween(200, 299);
        return response;
    }
}
