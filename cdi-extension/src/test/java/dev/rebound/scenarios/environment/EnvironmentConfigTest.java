package dev.rebound.scenarios.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.cdi.ReboundExtension;
import dev.rebound.testing.Deployments;
import java.util.Map;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * Every {@code rebound.*} key works as an environment variable, offered as Open Liberty does: found by
 * MicroProfile Config's mapping rules, but listed under another name ({@code REBOUND_CHANNEL_PAYMENTS_CONCURRENT_CONSUMERS}
 * as {@code rebound.channel.payments.concurrent.consumers}), which must not become a channel.
 */
class EnvironmentConfigTest {

    @Test
    void channel_key_as_environment_variable_starts_no_phantom_channel() {
        try (WeldContainer container = Deployments.weld(Map.of(),
                Map.of("REBOUND_CHANNEL_PAYMENTS_CONCURRENT_CONSUMERS", "2"), Payroll.Cashier.class).initialize()) {
            assertThat(container.getBeanManager().getExtension(ReboundExtension.class).asynchronousChannels()).isEmpty();
        }
    }

    @Test
    void annotation_override_as_environment_variable_is_applied() {
        String key = (Payroll.PayrollBus.class.getName() + "/InstantRetry/maxRetries").replaceAll("[^A-Za-z0-9]", "_")
                .toUpperCase();
        try (WeldContainer container = Deployments.weld(Map.of(), Map.of(key, "3"), Payroll.PayrollBus.class,
                Payroll.Cashier.class).initialize()) {
            assertThatThrownBy(() -> container.select(Payroll.PayrollBus.class).get()
                    .send(new Payroll.PaySalary("ann"))).hasMessage("bank closed");
            assertThat(container.select(Payroll.Cashier.class).get().calls()).isEqualTo(4);
        }
    }

    @Test
    void error_handler_defined_by_environment_variables_is_found_under_the_name_that_uses_it() {
        // a delayed-retry error channel on a synchronous gateway: REBOUND-2013 proves the error handler was read;
        // not finding it would say REBOUND-2002 (no such channel)
        assertThat(Deployments.messages(Deployments.failureOf(() -> Deployments.weld(Map.of(),
                Map.of("REBOUND_ERROR_HANDLER_RETRYLATER_INITIAL_DELAY_MS", "100"), Payroll.LaterBus.class,
                Payroll.Cashier.class))))
                .contains("REBOUND-2013", Payroll.LaterBus.class.getName()).doesNotContain("REBOUND-2002");
    }

    @Test
    void default_error_channel_as_environment_variable_is_validated() {
        assertThat(Deployments.messages(Deployments.failureOf(() -> Deployments.weld(Map.of(),
                Map.of("REBOUND_DEFAULT_ERROR_CHANNEL", "nowhere"), Payroll.Cashier.class))))
                .contains("REBOUND-2002", "rebound.default-error-channel", "nowhere");
    }
}
