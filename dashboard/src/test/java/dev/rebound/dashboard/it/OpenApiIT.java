package dev.rebound.dashboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.dashboard.it.support.DashboardWar;
import dev.rebound.dashboard.it.support.Http;
import java.net.URL;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With Open Liberty's mpOpenAPI, the admin API is documented at /openapi: its paths, operations and the JSON
 * shapes, where {@code id} is the dead letter's and {@code messageId} the failed message's; the page and its
 * files are not part of the API.
 */
@ExtendWith(ArquillianExtension.class)
class OpenApiIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DashboardWar.withoutShopApi("dashboard-openapi", "dashShipping", "dashLedger").build();
    }

    @ArquillianResource
    URL base;

    @Test
    void the_admin_api_and_its_dead_letter_schema_are_served_at_openapi() {
        HttpResponse<String> document = Http.anonymous(base).get("/openapi");

        assertThat(document.statusCode()).as(document.body()).isEqualTo(200);
        String json = document.body().replaceAll("\\s+", " ");
        assertThat(json).contains("/rebound/api/stats\"", "/rebound/api/groups\"", "/rebound/api/dead-letters\"",
                "/rebound/api/dead-letters/{id}\"", "/rebound/api/dead-letters/{id}/replay\"",
                "/rebound/api/dead-letters/replay\"", "/rebound/api/dead-letters/delete\"",
                "/rebound/api/deletions\"", "/rebound/api/replays\"", "/rebound/api/replays/{id}\"",
                "/rebound/api/replays/{id}/cancel\"")
                .contains("\"summary\" : \"One dead letter with everything stored: body, headers, exception chain, "
                        + "history\"")
                .contains("\"X-Rebound-Request\"")
                .contains("\"rebound-basic\"")
                .as("the page and its files are not the API").doesNotContain("/rebound/app.")
                .doesNotContain("\"/dashboard-openapi/rebound\"");
        String deadLetter = schema(json, "DeadLetter");
        assertThat(deadLetter).contains("\"id\" : {", "\"messageId\" : {", "\"exceptionChain\"", "\"history\"",
                "id is the dead letter's id (what show, replay and delete take), messageId the failed message's");
        assertThat(schema(json, "DeadLetterSummary")).contains("\"id\" : {", "\"messageId\" : {");
        assertThat(json).contains("\"DeadLetterPage\"", "\"DeadLetterStats\"", "\"Selection\"", "\"Problem\"");
    }

    /** The text of one schema of the document's components (up to the next schema). */
    private static String schema(String json, String name) {
        int start = json.indexOf("\"" + name + "\" : {");
        assertThat(start).as("schema " + name + " in " + json).isNotNegative();
        return json.substring(start, Math.min(json.length(), start + 3000));
    }
}
