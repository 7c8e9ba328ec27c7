package dev.rebound.jms.scenarios.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.testing.Deployments;
import java.util.Map;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

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
}
