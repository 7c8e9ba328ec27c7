package dev.rebound.jms.scenarios.delayed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.DeadLetters;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@ReboundTest(beans = {JobApi.class, JobApi.Jobs.class}, profile = AsyncDeployments.Async.class)
class GatewayDelayedRetryTest {

    static {
        Broker.purge("jobs");
    }

    @Inject
    JobApi api;
    @Inject
    JobApi.Jobs jobs;
    @Inject
    DeadLetters deadLetters;

    @Test
    void gateway_policy_retries_the_asynchronous_handler_then_dead_letters() {
        api.run("nightly");

        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.count() == 1);
        assertThat(jobs.calls()).isEqualTo(2);
        assertThat(deadLetters.list(0, 1).get(0).attempts()).isEqualTo(2);
        assertThat(deadLetters.list(0, 1).get(0).origin()).isEqualTo(JobApi.class.getName() + "#run");
    }
}
