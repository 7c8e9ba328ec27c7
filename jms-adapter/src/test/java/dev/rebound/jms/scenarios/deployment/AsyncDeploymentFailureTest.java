package dev.rebound.jms.scenarios.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.testing.Deployments;
import java.util.Map;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AsyncDeploymentFailureTest {

    private static String failure(Map<String, String> config, Class<?>... classes) {
        return Deployments.messages(Deployments.failureOf(() -> AsyncDeployments.weld(config, classes)));
    }

    private static String failure(Class<?>... classes) {
        return failure(Map.of(), classes);
    }

    @Test
    void unknown_consumer_transaction_mode() {
        assertThat(failure(Map.of("rebound.jms.transactions", "two-phase"),
                dev.rebound.jms.scenarios.happy.Orders.class))
                .contains("REBOUND-2011", "rebound.jms.transactions=two-phase", "one of auto, xa, jta, local");
    }

    @Test
    void delivery_limit_below_two() {
        assertThat(failure(Map.of("rebound.jms.max-deliveries", "1"), dev.rebound.jms.scenarios.happy.Orders.class))
                .contains("REBOUND-2011", "rebound.jms.max-deliveries=1", "2 or more");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "rebound.jms.send-retries                | -1     | a whole number from 0 to 10",
            "rebound.jms.send-retries                | 1000   | a whole number from 0 to 10",
            "rebound.jms.send-retry-delays-ms        | 10,soon | milliseconds from 0 to 60000",
            "rebound.jms.send-retry-jitter           | 2      | a fraction from 0 to 1",
            "rebound.jms.send-timeout-ms             | 0      | a whole number from 1 to 300000",
            "rebound.channel.orders.send-retries     | -3     | a whole number from 0 to 10",
            "rebound.channel.orders.send-timeout-ms  | forever | a whole number"})
    void hostile_send_retry_settings_fail_deployment(String property, String value, String expected) {
        assertThat(failure(Map.of(property, value), dev.rebound.jms.scenarios.happy.Orders.class))
                .contains("REBOUND-2011", property + "=" + value, expected);
    }

    @Test
    void fallback_that_is_no_asynchronous_channel_fails_the_start() {
        assertThat(failure(Map.of("rebound.channel.orders.fallback", "nowhere"),
                dev.rebound.jms.scenarios.happy.Orders.class))
                .contains("REBOUND-3056", "rebound.channel.orders.fallback=nowhere", "no asynchronous channel");
    }

    @Test
    void delayed_retry_together_with_error_channel_on_a_handler() {
        assertThat(failure(Invalid.BothOnHandler.class))
                .contains("REBOUND-2014", Invalid.BothOnHandler.class.getName() + "#job");
    }

    @Test
    void delayed_retry_together_with_error_channel_on_a_gateway() {
        assertThat(failure(Invalid.BothOnGateway.class, Invalid.AsyncJobs.class))
                .contains("REBOUND-2014", Invalid.BothOnGateway.class.getName() + "#run");
    }

    @Test
    void delayed_retry_on_a_synchronous_handler() {
        assertThat(failure(Invalid.DelayedRetryOnSynchronousHandler.class))
                .contains("REBOUND-2001", "@DelayedRetry");
    }

    @Test
    void asynchronous_query_handler() {
        assertThat(failure(Invalid.AsynchronousQuery.class)).contains("REBOUND-2015", "query handler");
    }

    @Test
    void asynchronous_handler_naming_an_unknown_error_channel() {
        assertThat(failure(Invalid.UnknownChannelOnAsyncHandler.class)).contains("REBOUND-2002", "nowhere");
    }

    @Test
    void delayed_retry_on_a_synchronous_gateway() {
        assertThat(failure(Invalid.DelayedRetryCommandBus.class))
                .contains("REBOUND-2013", Invalid.DelayedRetryCommandBus.class.getName());
    }

    @Test
    void synchronous_gateway_whose_error_channel_retries_with_delay() {
        assertThat(failure(Map.of("rebound.error-handler.retryLater.initial-delay-ms", "100"),
                Invalid.SyncGatewayOnRetryingErrorChannel.class))
                .contains("REBOUND-2013", Invalid.SyncGatewayOnRetryingErrorChannel.class.getName());
    }

    @Test
    void unknown_final_failure_strategy() {
        assertThat(failure(Map.of("rebound.channel.jobs.final-failure-strategy", "RETRY_FOREVER"),
                Invalid.AsyncJobs.class)).contains("REBOUND-2011", "RETRY_FOREVER");
    }

    @Test
    void delayed_retry_on_a_gateway_whose_handler_is_asynchronous_deploys() {
        try (WeldContainer container = AsyncDeployments.weld(Map.of(), Invalid.AsyncJobApi.class,
                Invalid.AsyncJobs.class).initialize()) {
            assertThat(container.select(Invalid.AsyncJobApi.class).isResolvable()).isTrue();
        }
    }

    private static final String JOBS = Invalid.RetriedJobs.class.getName();

    @Test
    void former_delayed_retry_key_on_a_handler_fails_naming_the_new_key() {
        assertThat(failure(Map.of(JOBS + "/job/DelayedRetry/maxAttempts", "5"), Invalid.RetriedJobs.class))
                .contains("REBOUND-2140", JOBS + "/job/DelayedRetry/maxAttempts is no longer read",
                        "it is now " + JOBS + "/job/DelayedRetry/maxRetries");
    }

    @Test
    void former_global_delayed_retry_key_fails_a_gateway_with_delayed_retries() {
        assertThat(failure(Map.of("DelayedRetry/maxAttempts", "5"), Invalid.AsyncJobApi.class,
                Invalid.AsyncJobs.class))
                .contains("REBOUND-2140", "DelayedRetry/maxAttempts is no longer read",
                        "it is now DelayedRetry/maxRetries");
    }

    @Test
    void former_error_handler_key_fails_even_as_the_only_key_of_its_handler() {
        assertThat(failure(Map.of("rebound.error-handler.jobs.max-attempts", "2"), Invalid.AsyncJobs.class))
                .contains("REBOUND-2140", "rebound.error-handler.jobs.max-attempts is no longer read",
                        "it is now rebound.error-handler.jobs.max-retries");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "DelayedRetry/maxRetries        | -2       | REBOUND-2011 | -1 (unlimited), 0 or more",
            "DelayedRetry/maxRetries        | twice    | REBOUND-2011 | -1 (unlimited), 0 or more",
            "DelayedRetry/initialDelayMs    | -5       | REBOUND-2011 | 0 or more",
            "DelayedRetry/initialDelayMs    | soon     | REBOUND-2011 | 0 or more",
            "DelayedRetry/maxDelayMs        | -7       | REBOUND-2011 | -1 (no cap), 0 or more",
            "DelayedRetry/multiplier        | 0.5      | REBOUND-2011 | a number, 1 or more",
            "DelayedRetry/multiplier        | fast     | REBOUND-2011 | a number, 1 or more",
            "DelayedRetry/abortOn           | no.Such  | REBOUND-2080 | not an exception class",
            "DelayedRetry/deadLetterChannel | nowhere  | REBOUND-2002 | nowhere"})
    void invalid_delayed_retry_configuration_fails_deployment_quoting_key_and_value(String member, String value,
                                                                                    String code, String expected) {
        String key = JOBS + "/job/" + member;
        String message = failure(Map.of(key, value), Invalid.RetriedJobs.class);
        assertThat(message).contains(code, expected);
        if (!code.equals("REBOUND-2002")) {
            assertThat(message).contains(key + "=" + value);
        }
    }
}
