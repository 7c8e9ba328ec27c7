package dev.rebound.dashboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.dashboard.it.support.DashboardWar;
import dev.rebound.dashboard.it.support.Http;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Without rebound.dashboard.enabled=true the jar in the WAR answers nothing, not even to an admin. */
@ExtendWith(ArquillianExtension.class)
class DisabledIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DashboardWar.named("dashboard-disabled", "dashShipping", "dashLedger")
                .config("rebound.dashboard.enabled", "false").build();
    }

    @ArquillianResource
    URL base;

    @Test
    void every_dashboard_url_is_not_found_for_everyone() {
        for (Http client : new Http[] {Http.anonymous(base), Http.as(base, Http.ADMIN)}) {
            assertThat(client.get("rebound/").statusCode()).isEqualTo(404);
            assertThat(client.get("rebound/api/stats").statusCode()).isEqualTo(404);
            assertThat(client.get("rebound/app.js").statusCode()).isEqualTo(404);
            assertThat(client.post("rebound/api/replays", "{\"all\":true}").statusCode()).isEqualTo(404);
        }
        assertThat(Http.anonymous(base).get("test/shop/shipped").statusCode()).as("the application itself runs")
                .isEqualTo(200);
    }
}
