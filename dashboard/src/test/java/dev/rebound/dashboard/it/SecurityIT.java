package dev.rebound.dashboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.dashboard.it.support.DashboardWar;
import dev.rebound.dashboard.it.support.Http;
import dev.rebound.dashboard.it.support.Shop;
import java.net.URL;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may do what on Liberty with a basic registry: anonymous callers are challenged (401), a user without a
 * Rebound role and a viewer who tries to change are refused (403), an admin changes only with the dashboard's
 * header, and GET never changes anything.
 */
@ExtendWith(ArquillianExtension.class)
class SecurityIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DashboardWar.named("dashboard-security", "dashShipping", "dashLedger").build();
    }

    @ArquillianResource
    URL base;

    private Shop shop;
    private String id;

    @BeforeEach
    void oneDeadLetter() {
        shop = new Shop(base);
        shop.reset();
        id = shop.deadLetter("sec-" + System.nanoTime());
    }

    @Test
    void anonymous_callers_are_challenged_on_the_page_the_reads_and_the_changes() {
        Http anonymous = Http.anonymous(base);
        for (HttpResponse<String> response : new HttpResponse[] {anonymous.get("rebound/"),
                anonymous.get("rebound/api/stats"), anonymous.get("rebound/api/dead-letters/" + id),
                anonymous.post("rebound/api/dead-letters/" + id + "/replay", null)}) {
            assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Basic"));
        }
        assertThat(shop.ids()).containsExactly(id);
    }

    @Test
    void a_user_without_a_rebound_role_is_refused() {
        HttpResponse<String> response = Http.as(base, Http.STRANGER).get("rebound/api/stats");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("REBOUND-4103");
    }

    @Test
    void a_viewer_reads_everything_but_changes_nothing() {
        Http viewer = Http.as(base, Http.VIEWER);
        assertThat(Shop.ok(viewer.get("rebound/")).body()).contains("<title>Rebound");
        assertThat(Shop.ok(viewer.get("rebound/api/stats")).body()).contains("\"total\":1");
        assertThat(Shop.ok(viewer.get("rebound/api/dead-letters")).body()).contains(id);
        assertThat(Shop.ok(viewer.get("rebound/api/dead-letters/" + id)).body())
                .contains("carrier unavailable for order sec-").contains("IllegalStateException");
        assertThat(Shop.ok(viewer.get("rebound/api/groups")).body()).contains("\"count\":1");

        HttpResponse<String> replay = viewer.post("rebound/api/dead-letters/" + id + "/replay", null);
        assertThat(replay.statusCode()).isEqualTo(403);
        assertThat(replay.body()).contains("REBOUND-4103").contains("rebound-admin");
        assertThat(viewer.delete("rebound/api/dead-letters/" + id).statusCode()).isEqualTo(403);
        assertThat(viewer.post("rebound/api/replays", "{\"all\":true}").statusCode()).isEqualTo(403);
        assertThat(shop.ids()).containsExactly(id);
    }

    @Test
    void an_admin_changes_only_with_the_dashboard_header_and_get_changes_nothing() {
        Http admin = Http.as(base, Http.ADMIN);
        HttpResponse<String> forged = admin.postWithoutMarker("rebound/api/dead-letters/" + id + "/replay");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("REBOUND-4104");
        assertThat(admin.get("rebound/api/dead-letters/" + id + "/replay").statusCode()).isEqualTo(405);
        assertThat(shop.shipped()).doesNotContain("sec-");

        assertThat(Shop.ok(admin.post("rebound/api/dead-letters/" + id + "/replay", null)).body())
                .isEqualTo("{\"handled\":false}");
        shop.carrierDown(false);
        assertThat(Shop.ok(admin.post("rebound/api/dead-letters/" + id + "/replay", null)).body())
                .isEqualTo("{\"handled\":true}");
        assertThat(shop.shipped()).contains("sec-");
        assertThat(shop.ids()).isEmpty();
        assertThat(admin.post("rebound/api/dead-letters/" + id + "/replay", null).statusCode()).isEqualTo(404);
    }
}
