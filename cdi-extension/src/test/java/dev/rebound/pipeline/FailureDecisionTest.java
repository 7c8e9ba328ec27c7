package dev.rebound.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.Channels;
import dev.rebound.ConsumerConfiguration;
import dev.rebound.ErrorHandlerConfiguration;
import dev.rebound.ErrorMessage;
import dev.rebound.FinalFailureStrategy;
import dev.rebound.Message;
import dev.rebound.NoHandlerException;
import dev.rebound.RetryTemplate;
import dev.rebound.core.ChannelRegistry;
import dev.rebound.core.Delivery;
import dev.rebound.core.HandlerMethod;
import dev.rebound.core.Unrecoverable;
import dev.rebound.core.async.ConsumerPolicies;
import dev.rebound.core.async.FailurePolicy;
import dev.rebound.pipeline.FailureDecision.Decision;
import dev.rebound.pipeline.FailureDecision.Reason;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decision after a consumer's failure, without a container, a transport or a log: every branch. */
class FailureDecisionTest {

    private static final String CHANNEL = "orders";
    private static final IllegalStateException FAILURE = new IllegalStateException("stock service down");

    private final ChannelRegistry channels = Fakes.channels(new Fakes.Recording("alerts"),
            new Fakes.Recording(Channels.DEAD_LETTER), new Fakes.Queue("parking"), new Fakes.Queue(CHANNEL));
    private final Message message = Fakes.message("order-1");

    private FailureDecision decision(Map<String, ConsumerConfiguration> consumers,
                                     Map<String, ErrorHandlerConfiguration> errorHandlers,
                                     Map<String, FailurePolicy> gateways, String defaultErrorChannel) {
        return new FailureDecision(new ConsumerPolicies(consumers, errorHandlers, gateways, defaultErrorChannel),
                new ErrorRoute(channels, Fakes.FAILURES), () -> 0.5);
    }

    private FailureDecision plain() {
        return decision(Map.of(), Map.of(), Map.of(), null);
    }

    private Decision decide(FailureDecision decision, HandlerMethod handler, int attempt) {
        Envelope envelope = Fakes.envelope(message, attempt, "Bus#send");
        Delivery delivery = Fakes.delivery(message, handler, attempt);
        delivery.enter(handler);
        return decision.decide(CHANNEL, envelope, delivery, FAILURE);
    }

    private static HandlerMethod handler(FailurePolicy policy) {
        return Fakes.handler(new Fakes.Script(), CHANNEL, policy);
    }

    @Test
    void without_any_policy_the_consumers_final_strategy_gets_the_next_attempt() {
        Decision decided = decision(Map.of(CHANNEL, ConsumerConfiguration.of(CHANNEL)
                .withFinalFailureStrategy(FinalFailureStrategy.IGNORE)), Map.of(), Map.of(), null)
                .decide(CHANNEL, Fakes.envelope(message, 2, null), Fakes.delivery(message, null, 2), FAILURE);

        assertThat(decided.reason()).isEqualTo(Reason.FINAL);
        Outcome.Final outcome = (Outcome.Final) decided.outcome();
        assertThat(outcome.strategy()).isEqualTo(FinalFailureStrategy.IGNORE);
        assertThat(outcome.failure()).isSameAs(FAILURE);
        assertThat(outcome.next().attempt()).isEqualTo(3);
    }

    @Test
    void the_default_final_strategy_is_stop() {
        Decision decided = decide(plain(), handler(null), 1);

        assertThat(((Outcome.Final) decided.outcome()).strategy()).isEqualTo(FinalFailureStrategy.STOP);
    }

    @Test
    void an_error_channel_that_is_not_a_queue_gets_an_error_message_stamped_by_the_one_clock() {
        Decision decided = decide(plain(), handler(FailurePolicy.channel("alerts")), 2);

        assertThat(decided.reason()).isEqualTo(Reason.ERROR_CHANNEL);
        Outcome.Deliver deliver = (Outcome.Deliver) decided.outcome();
        assertThat(deliver.channel()).isEqualTo("alerts");
        ErrorMessage error = deliver.error();
        assertThat(error.originalMessage()).isSameAs(message);
        assertThat(error.failure().exceptionClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(error.failure().exceptionMessage()).isEqualTo("stock service down");
        assertThat(error.handler()).isEqualTo("Fakes#run");
        assertThat(error.attempts()).isEqualTo(2);
        assertThat(error.failedAt()).isEqualTo(Fakes.NOW);
        assertThat(ErrorRoute.message(error).headers().timestamp()).isEqualTo(Fakes.NOW);
        assertThat(ErrorRoute.message(error).headers().messageId()).isEqualTo(message.headers().messageId());
    }

    @Test
    void an_error_channel_that_is_a_queue_gets_the_message_itself_as_its_next_attempt() {
        Decision decided = decide(plain(), handler(FailurePolicy.channel("parking")), 2);

        assertThat(decided.reason()).isEqualTo(Reason.ERROR_CHANNEL);
        Outcome.Forward forward = (Outcome.Forward) decided.outcome();
        assertThat(forward.channel()).isEqualTo("parking");
        assertThat(forward.delayMs()).isZero();
        assertThat(forward.envelope().message()).isSameAs(message);
        assertThat(forward.envelope().attempt()).isEqualTo(3);
    }

    @Test
    void a_delayed_retry_with_retries_left_goes_back_to_its_queue_with_the_templates_delay() {
        RetryTemplate template = RetryTemplate.exponentialBackoff(100, 2).maxRetries(3);
        Decision decided = decide(plain(), handler(FailurePolicy.retry(ErrorHandlerConfiguration.of("retry",
                template))), 2);

        assertThat(decided.reason()).isEqualTo(Reason.DELAYED_RETRY);
        Outcome.Forward forward = (Outcome.Forward) decided.outcome();
        assertThat(forward.channel()).isEqualTo(CHANNEL);
        assertThat(forward.delayMs()).isEqualTo(template.delayAfter(2, 0.5));
        assertThat(forward.envelope().attempt()).isEqualTo(3);
    }

    @Test
    void retries_exhausted_without_a_dead_letter_channel_go_to_the_final_strategy() {
        Decision decided = decide(plain(), handler(FailurePolicy.retry(ErrorHandlerConfiguration.of("retry",
                RetryTemplate.fixedBackoff(10).maxRetries(1)))), 2);

        assertThat(decided.reason()).isEqualTo(Reason.FINAL);
        assertThat(decided.outcome()).isInstanceOf(Outcome.Final.class);
    }

    @Test
    void retries_exhausted_go_to_the_dead_letter_channel_of_the_retry() {
        Decision decided = decide(plain(), handler(FailurePolicy.retry(ErrorHandlerConfiguration
                .of("retry", RetryTemplate.fixedBackoff(10).maxRetries(1)).withDeadLetterChannel(Channels.DEAD_LETTER))), 2);

        assertThat(decided.reason()).isEqualTo(Reason.RETRIES_EXHAUSTED);
        assertThat(((Outcome.Deliver) decided.outcome()).channel()).isEqualTo(Channels.DEAD_LETTER);
    }

    @Test
    void a_named_error_channel_with_a_retry_configuration_retries() {
        FailureDecision decision = decision(Map.of(), Map.of("alerts", ErrorHandlerConfiguration.of("alerts",
                RetryTemplate.fixedBackoff(50).maxRetries(2))), Map.of(), null);

        Decision decided = decide(decision, handler(FailurePolicy.channel("alerts")), 1);

        assertThat(decided.reason()).isEqualTo(Reason.DELAYED_RETRY);
        assertThat(((Outcome.Forward) decided.outcome()).delayMs()).isEqualTo(50);
    }

    @Test
    void a_failure_the_template_aborts_on_skips_its_retries_and_goes_to_the_dead_letter_channel_at_once() {
        RetryTemplate template = RetryTemplate.fixedBackoff(10).maxRetries(5).abortOn(RuntimeException.class);
        Decision decided = decide(plain(), handler(FailurePolicy.retry(ErrorHandlerConfiguration
                .of("retry", template).withDeadLetterChannel(Channels.DEAD_LETTER))), 1);

        assertThat(decided.reason()).as("abortOn takes subclasses").isEqualTo(Reason.UNRECOVERABLE);
        Outcome.Deliver deliver = (Outcome.Deliver) decided.outcome();
        assertThat(deliver.channel()).isEqualTo(Channels.DEAD_LETTER);
        assertThat(deliver.error().attempts()).isEqualTo(1);
        assertThat(deliver.error().failure().exceptionClass()).isEqualTo(IllegalStateException.class.getName());

        HandlerMethod other = handler(FailurePolicy.retry(ErrorHandlerConfiguration.of("retry",
                RetryTemplate.fixedBackoff(10).maxRetries(5).abortOn(IllegalArgumentException.class))));
        assertThat(decide(plain(), other, 1).reason()).as("another type is retried").isEqualTo(Reason.DELAYED_RETRY);
    }

    @Test
    void a_failure_the_template_aborts_on_without_a_dead_letter_channel_goes_to_the_final_strategy() {
        Decision decided = decide(plain(), handler(FailurePolicy.retry(ErrorHandlerConfiguration.of("retry",
                RetryTemplate.fixedBackoff(10).maxRetries(5).abortOn(IllegalStateException.class)))), 1);

        assertThat(decided.reason()).isEqualTo(Reason.UNRECOVERABLE_FINAL);
        Outcome.Final outcome = (Outcome.Final) decided.outcome();
        assertThat(outcome.strategy()).isEqualTo(FinalFailureStrategy.STOP);
        assertThat(outcome.failure()).isSameAs(FAILURE);
    }

    @Test
    void the_global_list_aborts_the_retries_of_every_template() {
        FailureDecision decision = new FailureDecision(new ConsumerPolicies(Map.of(), Map.of("alerts",
                ErrorHandlerConfiguration.of("alerts",
                        RetryTemplate.fixedBackoff(50).maxRetries(2)).withDeadLetterChannel("parking")), Map.of(), null),
                new ErrorRoute(channels, Fakes.FAILURES), () -> 0.5,
                new Unrecoverable(List.of(IllegalStateException.class)));

        Decision decided = decide(decision, handler(FailurePolicy.channel("alerts")), 1);

        assertThat(decided.reason()).isEqualTo(Reason.UNRECOVERABLE);
        Outcome.Forward forward = (Outcome.Forward) decided.outcome();
        assertThat(forward.channel()).isEqualTo("parking");
        assertThat(forward.delayMs()).isZero();
    }

    @Test
    void a_message_no_handler_accepts_is_not_retried_by_default() {
        Envelope envelope = Fakes.envelope(message, 1, "Bus#send");
        Decision decided = plain().decide(CHANNEL, envelope, Fakes.delivery(message, null, 1),
                new NoHandlerException("nobody"));
        FailureDecision retrying = decision(Map.of(), Map.of(), Map.of("Bus#send", FailurePolicy.retry(
                ErrorHandlerConfiguration.of("retry", RetryTemplate.fixedBackoff(10)
                        .maxRetries(3)).withDeadLetterChannel(Channels.DEAD_LETTER))), null);

        assertThat(decided.reason()).isEqualTo(Reason.FINAL);
        assertThat(retrying.decide(CHANNEL, envelope, Fakes.delivery(message, null, 1),
                new NoHandlerException("nobody")).reason()).isEqualTo(Reason.UNRECOVERABLE);
    }

    @Test
    void the_dead_letter_goes_to_the_dead_letter_channel_whatever_the_policy() {
        Delivery delivery = Fakes.delivery(message, null, 1);
        Decision decided = decision(Map.of(), Map.of(), Map.of(), "parking")
                .deadLetter(Fakes.envelope(message, 1, null), delivery, FAILURE);

        assertThat(decided.reason()).isEqualTo(Reason.DEAD_LETTER);
        assertThat(((Outcome.Deliver) decided.outcome()).channel()).isEqualTo(Channels.DEAD_LETTER);
    }

    @Test
    void the_handlers_own_policy_comes_first() {
        FailurePolicy own = FailurePolicy.channel("alerts");
        FailureDecision decision = decision(Map.of(CHANNEL, ConsumerConfiguration.of(CHANNEL)
                .withErrorChannel("parking")), Map.of(), Map.of("Bus#send", FailurePolicy.channel("parking")),
                "parking");

        assertThat(decision.resolve(CHANNEL, Fakes.envelope(message, 1, "Bus#send"), handler(own))).isSameAs(own);
    }

    @Test
    void then_the_gateways_policy_by_origin() {
        FailurePolicy gateway = FailurePolicy.channel("parking");
        FailureDecision decision = decision(Map.of(CHANNEL, ConsumerConfiguration.of(CHANNEL)
                .withErrorChannel("alerts")), Map.of(), Map.of("Bus#send", gateway), null);

        assertThat(decision.resolve(CHANNEL, Fakes.envelope(message, 1, "Bus#send"), handler(null)))
                .isSameAs(gateway);
        assertThat(decision.resolve(CHANNEL, Fakes.envelope(message, 1, null), null))
                .isEqualTo(FailurePolicy.channel("alerts"));
    }

    @Test
    void then_the_consumers_error_channel_then_an_error_handler_named_like_the_channel_then_the_default() {
        Envelope envelope = Fakes.envelope(message, 1, "Other#send");
        assertThat(decision(Map.of(CHANNEL, ConsumerConfiguration.of(CHANNEL).withErrorChannel("alerts")),
                Map.of(), Map.of(), "parking").resolve(CHANNEL, envelope, null))
                .isEqualTo(FailurePolicy.channel("alerts"));
        assertThat(decision(Map.of(), Map.of(CHANNEL, ErrorHandlerConfiguration.of(CHANNEL,
                RetryTemplate.fixedBackoff(1))), Map.of(), "parking").resolve(CHANNEL, envelope, null))
                .isEqualTo(FailurePolicy.channel(CHANNEL));
        assertThat(decision(Map.of(), Map.of(), Map.of(), "parking").resolve(CHANNEL, envelope, null))
                .isEqualTo(FailurePolicy.channel("parking"));
        assertThat(plain().resolve(CHANNEL, envelope, null)).isNull();
    }
}
