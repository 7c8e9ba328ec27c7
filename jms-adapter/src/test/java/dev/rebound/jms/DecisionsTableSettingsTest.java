package dev.rebound.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.testing.Deployments;
import dev.rebound.testsupport.LogRecords;
import java.util.HashMap;
import java.util.Map;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where the decisions go when the database cannot keep them: a data source without the table falls back to the
 * topic, said at the start (REBOUND-3109); {@code required} and a data source that is not there fail the deployment.
 */
class DecisionsTableSettingsTest {

    @BeforeEach
    void inAJoinedMode() {
        assumeTrue(AsyncDeployments.oneTransaction(), "the table serves the modes xa and jta");
    }

    private static Map<String, String> config(String... pairs) {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            config.put(pairs[i], pairs[i + 1]);
        }
        return config;
    }

    private static String failure(Map<String, String> config) {
        return Deployments.messages(Deployments.failureOf(() -> AsyncDeployments.weld(config, Decided.class,
                OtherDataSources.class)));
    }

    @Test
    void a_data_source_without_the_table_leaves_the_decisions_on_the_topic_and_says_so_at_the_start() {
        try (LogRecords logs = LogRecords.of("dev.rebound.jms");
             WeldContainer ignored = AsyncDeployments.weld(config("rebound.jms.decisions-datasource", "empty"),
                     Decided.class, OtherDataSources.class).initialize()) {
            assertThat(logs.messages("REBOUND-3109")).singleElement().satisfies(line -> assertThat(line)
                    .contains("not kept in the database: the data source empty lacks table rebound_decision",
                            "announced on the topic rebound.decisions", "rebound.jms.decisions-table"));
            assertThat(logs.messages("REBOUND-3108")).isEmpty();
        }
    }

    @Test
    void decisions_table_none_keeps_the_topic() {
        try (LogRecords logs = LogRecords.of("dev.rebound.jms");
             WeldContainer ignored = AsyncDeployments.weld(config("rebound.jms.decisions-table", "none"),
                     Decided.class).initialize()) {
            assertThat(logs.messages("REBOUND-3109")).singleElement().satisfies(line -> assertThat(line)
                    .contains("rebound.jms.decisions-table=none", "announced on the topic rebound.decisions"));
        }
    }

    @Test
    void required_without_the_table_fails_the_deployment() {
        assertThat(failure(config("rebound.jms.decisions-datasource", "empty", "rebound.jms.decisions-table",
                "required"))).contains("REBOUND-2191", "rebound.jms.decisions-table=required",
                "the data source empty lacks table rebound_decision", "V8__rebound_decision.sql");
    }

    @Test
    void a_data_source_that_is_not_there_fails_the_deployment() {
        assertThat(failure(config("rebound.jms.decisions-datasource", "java:comp/env/jdbc/nowhere")))
                .contains("REBOUND-2192", "rebound.jms.decisions-datasource=java:comp/env/jdbc/nowhere");
    }

    @Test
    void an_unknown_decisions_table_value_fails_the_deployment() {
        assertThat(failure(config("rebound.jms.decisions-table", "always"))).contains("REBOUND-2011",
                "rebound.jms.decisions-table=always", "one of auto, required, none");
        assertThat(failure(config("rebound.jms.decisions-retention-ms", "10"))).contains("REBOUND-2011",
                "rebound.jms.decisions-retention-ms=10", "1000 or more");
    }
}
