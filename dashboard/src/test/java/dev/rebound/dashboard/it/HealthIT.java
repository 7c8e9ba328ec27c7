package dev.rebound.dashboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.dashboard.it.support.DashboardWar;
import dev.rebound.dashboard.it.support.Http;
import dev.rebound.dashboard.it.support.Shop;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MicroProfile Health readiness on Liberty: up while every consumer runs and the broker answers; down, with the
 * reason (the exception's type, not its text), when a consumer stops under the STOP strategy; up again once the
 * cause is fixed and consumers restart.
 */
@ExtendWith(ArquillianExtension.class)
class HealthIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DashboardWar.named("dashboard-health", "dashShipping", "dashLedger").build();
    }

    @ArquillianResource
    URL base;

    private HttpResponse<String> readiness() {
        return Http.anonymous(base).get("/health/ready");
    }

    @Test
    void readiness_is_down_with_the_reason_while_a_consumer_is_stopped() {
        Shop shop = new Shop(base);
        shop.reset();
        HttpResponse<String> up = readiness();
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        assertThat(up.body()).contains("\"name\":\"rebound\"").contains("\"consumer.ledger\":\"consuming\"")
                .contains("\"consumer.ledger.configured\":1").contains("\"consumer.ledger.live\":1")
                .contains("\"consumer.shipping\":\"consuming\"").contains("\"broker\":\"reachable\"");

        shop.ledgerReadOnly(true);
        shop.post("entry-1");
        HttpResponse<String> down = await().atMost(Duration.ofSeconds(30)).until(this::readiness,
                response -> response.statusCode() == 503);
        assertThat(down.body()).contains("\"status\":\"DOWN\"").contains("\"consumer.ledger\":\"stopped: ")
                .contains("failed with java.lang.IllegalStateException").contains("STOP")
                .contains("\"consumer.ledger.since\":").contains("\"consumer.shipping\":\"consuming\"")
                .as("the exception's text, which may carry payload data, stays in the log")
                .doesNotContain("ledger is read-only");
        assertThat(Shop.ok(Http.as(base, Http.VIEWER).get("rebound/api/stats")).body())
                .contains("\"stoppedConsumers\":{\"ledger\":");

        shop.ledgerReadOnly(false);
        shop.restartConsumers();
        await().atMost(Duration.ofSeconds(30)).until(() -> readiness().statusCode() == 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> shop.posted().contains("entry-1"));
    }
}
