package dev.rebound.dashboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.dashboard.it.support.DashboardWar;
import dev.rebound.dashboard.it.support.Http;
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
 * The node registry on Liberty (its managed threads, the application's EntityManager, Derby): the Nodes view lists
 * this server as a live node with its consumers per channel; a pause everywhere pauses the channel here at once and
 * shows on the registry after the heartbeat; a resume everywhere undoes it.
 */
@ExtendWith(ArquillianExtension.class)
class NodesIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DashboardWar.named("dashboard-nodes", "dashShipping", "dashLedger").config("rebound.node.heartbeat-ms",
                "500").build();
    }

    @ArquillianResource
    URL base;

    private String nodes() {
        HttpResponse<String> nodes = Http.as(base, Http.VIEWER).get("rebound/api/nodes");
        assertThat(nodes.statusCode()).as(nodes.body()).isEqualTo(200);
        return nodes.body();
    }

    @Test
    void the_nodes_view_lists_this_server_and_a_pause_everywhere_reaches_its_consumers() {
        String alive = await().atMost(Duration.ofSeconds(30)).until(this::nodes,
                body -> body.contains("\"channel\":\"ledger\"") && body.contains("\"state\":\"CONSUMING\""));
        assertThat(alive).contains("\"shared\":true").contains("\"self\":true").contains("\"state\":\"ALIVE\"")
                .contains("\"heartbeatAt\":").contains("\"channel\":\"shipping\"");

        HttpResponse<String> paused = Http.as(base, Http.ADMIN).post("rebound/api/channels/ledger/pause-everywhere",
                "{}");
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(paused.body()).contains("\"pausedEverywhere\":[\"ledger\"]");
        await().atMost(Duration.ofSeconds(30)).until(this::nodes,
                body -> body.contains("{\"channel\":\"ledger\",\"consumers\":1,\"live\":0,\"state\":\"PAUSED\"}"));

        HttpResponse<String> resumed = Http.as(base, Http.ADMIN).post(
                "rebound/api/channels/ledger/resume-everywhere", "{}");
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        assertThat(resumed.body()).contains("\"pausedEverywhere\":[]");
        await().atMost(Duration.ofSeconds(30)).until(this::nodes,
                body -> body.contains("{\"channel\":\"ledger\",\"consumers\":1,\"live\":1,\"state\":\"CONSUMING\"}"));
    }
}
