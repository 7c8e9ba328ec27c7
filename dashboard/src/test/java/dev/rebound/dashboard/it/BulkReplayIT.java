package dev.rebound.dashboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.dashboard.it.support.DashboardWar;
import dev.rebound.dashboard.it.support.Http;
import dev.rebound.dashboard.it.support.Shop;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Group operations through the admin API on Liberty: a bulk replay of a failure group runs in the background on the
 * server's managed executor (with the application's context: JNDI, JPA, JTA) and reports its progress; a group is
 * deleted in one request; a bulk request without a criterion is refused.
 */
@ExtendWith(ArquillianExtension.class)
class BulkReplayIT {

    private static final Pattern FINGERPRINT = Pattern.compile("\"fingerprint\":\"([0-9a-f]{32})\"");
    private static final Pattern REPLAY_ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DashboardWar.named("dashboard-bulk", "dashShipping", "dashLedger").build();
    }

    @ArquillianResource
    URL base;

    private static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    @Test
    void a_group_is_replayed_in_the_background_with_progress_and_another_is_deleted() {
        Shop shop = new Shop(base);
        Http admin = Http.as(base, Http.ADMIN);
        shop.reset();
        for (String order : new String[] {"bulk-1", "bulk-2", "bulk-3"}) {
            shop.deadLetter(order);
        }
        shop.carrierDown(false);
        String group = first(FINGERPRINT, Shop.ok(admin.get("rebound/api/groups")).body());

        HttpResponse<String> refused = admin.post("rebound/api/replays", "{}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("REBOUND-4105");

        HttpResponse<String> started = admin.post("rebound/api/replays",
                "{\"fingerprint\":\"" + group + "\",\"canary\":true,\"ratePerSecond\":5}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(started.body()).contains("\"total\":3");
        String replay = first(REPLAY_ID, started.body());

        String done = await().atMost(Duration.ofSeconds(60)).until(
                () -> Shop.ok(admin.get("rebound/api/replays/" + replay)).body(),
                body -> !body.contains("\"state\":\"RUNNING\""));
        assertThat(done).contains("\"state\":\"COMPLETED\"").contains("\"handled\":3").contains("\"failed\":0");
        assertThat(shop.shipped()).contains("bulk-1", "bulk-2", "bulk-3");
        assertThat(shop.ids()).isEmpty();

        shop.deadLetter("gone-1");
        shop.deadLetter("gone-2");
        String second = first(FINGERPRINT, Shop.ok(admin.get("rebound/api/groups")).body());
        assertThat(Shop.ok(admin.post("rebound/api/deletions", "{\"fingerprint\":\"" + second + "\"}")).body())
                .isEqualTo("{\"count\":2}");
        assertThat(shop.ids()).isEmpty();
    }
}
