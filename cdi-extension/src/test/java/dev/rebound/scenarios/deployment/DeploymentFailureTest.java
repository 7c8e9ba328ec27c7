package dev.rebound.scenarios.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.core.tx.Transactions;
import dev.rebound.testing.Deployments;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each misconfiguration fails deployment with a message that names the place and the remedy. */
class DeploymentFailureTest {

    private static String failure(Class<?>... classes) {
        return messages(Deployments.failure(classes));
    }

    private static String messages(Throwable failure) {
        return Deployments.messages(failure);
    }

    @Test
    void error_channel_on_a_handler_method() {
        assertThat(failure(Invalid.ErrorChannelOnHandler.class))
                .contains("REBOUND-2001", "@ErrorChannel", Invalid.ErrorChannelOnHandler.class.getName() + "#pay",
                        "gateway interface");
    }

    @Test
    void instant_retry_on_a_handler_method() {
        assertThat(failure(Invalid.InstantRetryOnHandler.class))
                .contains("REBOUND-2001", "@InstantRetry", Invalid.InstantRetryOnHandler.class.getName() + "#pay");
    }

    @Test
    void error_channel_on_a_handler_class() {
        assertThat(failure(Invalid.ErrorChannelOnHandlerClass.class))
                .contains("REBOUND-2001", Invalid.ErrorChannelOnHandlerClass.class.getName());
    }

    @Test
    void error_channel_that_names_no_channel() {
        assertThat(failure(Invalid.UnknownChannelBus.class))
                .contains("REBOUND-2002", Invalid.UnknownChannelBus.class.getName(), "noSuchChannel",
                        "deadLetter", "nullChannel");
    }

    @Test
    void default_error_channel_that_names_no_channel() {
        assertThat(messages(Deployments.failure(Map.of("rebound.default-error-channel", "nowhere"),
                Invalid.FirstPayHandler.class)))
                .contains("REBOUND-2002", "rebound.default-error-channel", "nowhere");
    }

    @Test
    void two_handlers_for_one_command_type() {
        assertThat(failure(Invalid.FirstPayHandler.class, Invalid.SecondPayHandler.class))
                .contains("REBOUND-2003", Invalid.Pay.class.getName(),
                        Invalid.FirstPayHandler.class.getName() + "#pay",
                        Invalid.SecondPayHandler.class.getName() + "#payAgain");
    }

    @Test
    void two_query_handlers_for_one_routing_key() {
        assertThat(failure(Invalid.DuplicateQueryKeys.class)).contains("REBOUND-2003", "routing key 'price'");
    }

    @Test
    void handler_without_parameters() {
        assertThat(failure(Invalid.NoPayload.class))
                .contains("REBOUND-2004", Invalid.NoPayload.class.getName() + "#nothing");
    }

    @Test
    void handler_whose_first_parameter_is_a_header() {
        assertThat(failure(Invalid.HeaderFirst.class)).contains("REBOUND-2004");
    }

    @Test
    void handler_parameter_that_cannot_be_supplied() {
        assertThat(failure(Invalid.UnsupportedParameter.class))
                .contains("REBOUND-2006", "Parameter 1", Invalid.UnsupportedParameter.class.getName() + "#pay");
    }

    @Test
    void negative_retry_times_on_the_annotation() {
        assertThat(failure(Invalid.NegativeRetryBus.class))
                .contains("REBOUND-2005", Invalid.NegativeRetryBus.class.getName(), "maxRetries = -1");
    }

    @Test
    void negative_retry_times_from_configuration() {
        assertThat(messages(Deployments.failure(
                Map.of(Invalid.RetryBus.class.getName() + "/InstantRetry/maxRetries", "-3"), Invalid.RetryBus.class)))
                .contains("REBOUND-2005", "maxRetries = -3");
    }

    @Test
    void retry_times_from_configuration_that_is_not_a_number() {
        assertThat(messages(Deployments.failure(Map.of("InstantRetry/maxRetries", "many"), Invalid.RetryBus.class)))
                .contains("REBOUND-2011", "many", "an integer");
    }

    @Test
    void former_instant_retry_keys_fail_deployment_naming_the_new_keys() {
        assertThat(messages(Deployments.failure(Map.of("InstantRetry/retryTimes", "2"), Invalid.RetryBus.class)))
                .contains("REBOUND-2140", "InstantRetry/retryTimes is no longer read",
                        "it is now InstantRetry/maxRetries");
        String method = Invalid.RetryBus.class.getName() + "/send/InstantRetry/";
        assertThat(messages(Deployments.failure(Map.of(method + "exceptions", IllegalStateException.class.getName()),
                Invalid.RetryBus.class)))
                .contains("REBOUND-2140", method + "exceptions is no longer read", "it is now " + method + "retryOn");
    }

    @Test
    void message_gateway_method_without_business_method() {
        assertThat(failure(Invalid.GatewayWithPlainMethod.class))
                .contains("REBOUND-2007", Invalid.GatewayWithPlainMethod.class.getName() + "#pay");
    }

    @Test
    void private_handler_method() {
        assertThat(failure(Invalid.PrivateHandler.class))
                .contains("REBOUND-2008", Invalid.PrivateHandler.class.getName() + "#pay");
    }

    @Test
    void transactional_entry_point_without_a_transaction_manager_names_every_jndi_name_tried() {
        assertThat(messages(Deployments.failureWithoutResources(Invalid.TransactionalBus.class)))
                .contains("REBOUND-2009: Rebound needs a JTA TransactionManager, but none was found as a CDI bean nor "
                        + "in JNDI (java:comp/TransactionManager, java:appserver/TransactionManager, "
                        + "java:/TransactionManager, java:jboss/TransactionManager).")
                .contains(String.join(", ", Transactions.MANAGER_NAMES));
    }

    @Test
    void dead_letter_without_an_entity_manager() {
        assertThat(messages(Deployments.failureWithoutResources(Invalid.DeadLetterBus.class)))
                .contains("REBOUND-2010", "EntityManager", "DeadLetterEntity");
    }

    @Test
    void concurrency_asynchronous_on_a_handler_method() {
        assertThat(failure(Invalid.ConcurrencyAsynchronousHandler.class))
                .contains("REBOUND-2019", "@jakarta.enterprise.concurrent.Asynchronous",
                        Invalid.ConcurrencyAsynchronousHandler.class.getName() + "#paid", "dev.rebound.Asynchronous");
    }

    @Test
    void ejb_asynchronous_beside_delayed_retry_names_the_import_not_the_gateway() {
        assertThat(failure(Invalid.EjbAsynchronousHandlerWithDelayedRetry.class))
                .contains("REBOUND-2019", "@jakarta.ejb.Asynchronous",
                        Invalid.EjbAsynchronousHandlerWithDelayedRetry.class.getName() + "#pay",
                        "dev.rebound.Asynchronous")
                .doesNotContain("REBOUND-2001");
    }

    @Test
    void ejb_asynchronous_on_a_handler_class() {
        assertThat(failure(Invalid.EjbAsynchronousHandlerClass.class))
                .contains("REBOUND-2019", Invalid.EjbAsynchronousHandlerClass.class.getName() + " (class level)",
                        "dev.rebound.Asynchronous");
    }
}

