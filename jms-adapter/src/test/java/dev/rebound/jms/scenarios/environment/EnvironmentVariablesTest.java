package dev.rebound.jms.scenarios.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.Consumers;
import dev.rebound.DeadLetters;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.LogRecords;
import dev.rebound.testsupport.Postgres;
import java.time.Duration;
import java.util.Map;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A channel configured only through environment variables, offered as Open Liberty does (listed as
 * {@code rebound.channel.wages.concurrent.consumers}): the keys apply to channel {@code wages}, and no channel
 * {@code wages.concurrent} starts.
 */
class EnvironmentVariablesTest {

    private static final Map<String, String> ERROR_HANDLING = Map.of(
            "REBOUND_CHANNEL_WAGES_ERROR_CHANNEL", "wageRetries",
            "REBOUND_ERROR_HANDLER_WAGERETRIES_INITIAL_DELAY_MS", "0",
            "REBOUND_ERROR_HANDLER_WAGERETRIES_MAX_RETRIES", "1",
            "REBOUND_ERROR_HANDLER_WAGERETRIES_DEAD_LETTER_CHANNEL", "deadLetter",
            "REBOUND_LOG_FAILURE_DETAIL", "type");

    static {
        Broker.purge("wages");
    }

    @BeforeEach
    void clean() {
        Postgres.execute("DELETE FROM rebound_dead_letter");
    }

    private static long consumerThreads(String channel) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("rebound-" + channel + "-")).count();
    }

    @Test
    void concurrent_consumers_from_an_environment_variable_apply_to_the_handlers_channel_and_no_other_starts() {
        try (WeldContainer container = AsyncDeployments.weld(Map.of(),
                Map.of("REBOUND_CHANNEL_WAGES_CONCURRENT_CONSUMERS", "2"), Wages.class).initialize()) {
            assertThat(container.select(Consumers.class).get().channels())
                    .containsExactly("wages");
            await().atMost(Duration.ofSeconds(10)).until(() -> consumerThreads("wages") == 2);
            assertThat(consumerThreads("wages.concurrent")).isZero();
        }
    }

    @Test
    void error_channel_error_handler_and_log_detail_from_environment_variables_apply() {
        try (LogRecords log = LogRecords.capture();
             WeldContainer container = AsyncDeployments.weld(Map.of(), ERROR_HANDLING, Wages.class).initialize()) {
            container.select(CommandBus.class).get().send(new Wages.PayWage("bob"));

            DeadLetters deadLetters = container.select(DeadLetters.class).get();
            // generous: it can be this JVM's first use of JPA (Hibernate's start and first queries on a busy machine)
            await().atMost(Duration.ofSeconds(90)).until(() -> deadLetters.count() == 1);
            assertThat(container.select(Wages.class).get().attempts()).isEqualTo(2);
            assertThat(deadLetters.list(0, 1).get(0).attempts()).isEqualTo(2);
            // rebound.log.failure-detail=type: the delayed retry and its exhaustion name the type, not the text
            assertThat(log.messages("REBOUND-1014")).singleElement().asString()
                    .contains("java.lang.IllegalStateException").doesNotContain("bob");
            assertThat(log.messages("REBOUND-1015")).singleElement().asString()
                    .contains("java.lang.IllegalStateException", "deadLetter").doesNotContain("bob");
        }
    }
}
