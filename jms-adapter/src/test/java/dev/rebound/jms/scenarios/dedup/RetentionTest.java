package dev.rebound.jms.scenarios.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.testing.Deployments;
import java.util.Map;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * The keys' retention is checked at deployment against the longest time a copy can still arrive: the sum of a
 * deduplicated handler's delayed-retry delays (with the multiplier, the cap and the jitter). Shorter fails; unlimited
 * retries need an explicit retention.
 */
class RetentionTest {

    private static String failure(Map<String, String> config, Class<?>... classes) {
        return Deployments.messages(Deployments.failureOf(() -> AsyncDeployments.weld(config, classes)));
    }

    @Test
    void a_retention_shorter_than_the_delayed_retries_fails_deployment() {
        assertThat(failure(Map.of(), LongRetries.Settlement.class)).contains("REBOUND-2046",
                "rebound.deduplication.retention=PT168H", LongRetries.Settlement.class.getName() + "#settle",
                "PT360H");
    }

    @Test
    void a_retention_as_long_as_the_capped_retries_deploys() {
        WeldContainer container = AsyncDeployments.weld(Map.of(), LongRetries.CappedSettlement.class).initialize();
        container.shutdown();
        container = AsyncDeployments.weld(Map.of("rebound.deduplication.retention", "P15D"),
                LongRetries.Settlement.class).initialize();
        container.shutdown();
    }

    @Test
    void unlimited_retries_need_an_explicit_retention() {
        assertThat(failure(Map.of(), LongRetries.Reconciliation.class)).contains("REBOUND-2047",
                LongRetries.Reconciliation.class.getName() + "#reconcile", "unlimited",
                "rebound.deduplication.retention");
        WeldContainer container = AsyncDeployments.weld(Map.of("rebound.deduplication.retention", "P30D"),
                LongRetries.Reconciliation.class).initialize();
        container.shutdown();
    }
}
