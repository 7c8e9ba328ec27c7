package dev.rebound.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.ErrorMessage;
import dev.rebound.FinalFailureStrategy;
import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import dev.rebound.core.ChannelRegistry;
import dev.rebound.core.Delivery;
import dev.rebound.core.EntryPointPolicy;
import dev.rebound.core.FailureLog;
import dev.rebound.core.HandlerMethod;
import dev.rebound.core.HandlerRegistry;
import dev.rebound.core.MessageContext;
import dev.rebound.core.Pipeline;
import dev.rebound.core.async.ConsumerPolicies;
import dev.rebound.core.async.FailurePolicy;
import dev.rebound.core.tx.Transactions;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.Inbound;
import dev.rebound.spi.MessageInterceptor;
import dev.rebound.spi.MessageObserver;
import dev.rebound.spi.Outcome;
import dev.rebound.testsupport.LogRecords;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Each step on its own, around a fake handler: no container, no transaction manager, no broker. */
class StepsTest {

    private final Transactions none = new Transactions(() -> {
        throw new IllegalStateException("no transaction manager here");
    });
    private final MessageContext context = new MessageContext(Fakes.CLOCK);
    private final Fakes.Recording alerts = new Fakes.Recording("alerts");
    private final Fakes.Queue parking = new Fakes.Queue("parking");
    private final Fakes.Queue orders = new Fakes.Queue("orders");
    private final ChannelRegistry channels = Fakes.channels(alerts, parking, orders);
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final Fakes.Script script = new Fakes.Script();

    /** Stamps every message sent to a queue, and writes down what it hears. */
    private final MessageInterceptor tracing = new MessageInterceptor() {
        @Override
        public Message beforeSend(String channel, Message message) {
            heard.add("send " + channel);
            MessageHeaders h = message.headers();
            Map<String, String> metadata = new HashMap<>(h.metadata());
            metadata.put("trace", "t-1");
            return new Message(message.payload(), new MessageHeaders(h.messageId(), h.correlationId(),
                    h.causationId(), h.timestamp(), h.routingKey(), metadata));
        }

        @Override
        public Object aroundHandle(Invocation invocation) throws Throwable {
            heard.add("handle " + invocation.entry() + " " + invocation.attempt());
            return invocation.proceed();
        }

        @Override
        public void retried(Message message, String channel, String handler, MessageObserver.Retry retry) {
            heard.add("retried " + retry + " " + channel);
        }

        @Override
        public void finalStrategy(Message message, String channel, String handler, FinalFailureStrategy strategy,
                                  Throwable failure) {
            heard.add("final " + strategy + " " + channel + " " + handler + " " + failure.getMessage());
        }
    };
    private final Interceptors interceptors = new Interceptors(() -> List.of(tracing), List::of);
    private final FailureExecutor executor = new FailureExecutor(channels,
            new ErrorRoute(channels, Fakes.FAILURES), interceptors, FailureLog.DEFAULT);

    private Pipelines pipelines(HandlerMethod... handlers) {
        return new Pipelines(new HandlerRegistry(List.of(handlers)), channels, none, context, interceptors, executor);
    }

    /** Runs a consumer's attempt that is expected to fail, and returns its failure. */
    private static Throwable failureOf(Inbound.Attempt attempt) {
        try {
            attempt.run();
        } catch (Throwable e) {
            return e;
        }
        throw new AssertionError("the attempt did not fail");
    }

    private static EntryPointPolicy policy(String errorChannel, int maxRetries) {
        return new EntryPointPolicy(errorChannel, maxRetries, List.of(), List.of(), null, List.of());
    }

    @Test
    void the_dispatch_step_calls_the_handler_inside_the_interceptors() throws Throwable {
        HandlerMethod handler = Fakes.handler(script, null, null);
        Pipeline pipeline = pipelines(handler).gateway(policy(null, 0));

        Object result = pipeline.handle(Fakes.delivery(Fakes.message("a"), handler, 1));

        assertThat(result).isEqualTo("done a");
        assertThat(heard).containsExactly("handle GATEWAY 1");
    }

    @Test
    void the_dispatch_step_without_interceptors_calls_the_handler_alone() throws Throwable {
        HandlerMethod handler = Fakes.handler(script, null, null);
        Pipeline dispatch = new DispatchStep(new HandlerRegistry(List.of(handler)), context, channels,
                Interceptors.NONE, MessageInterceptor.Entry.GATEWAY);

        assertThat(dispatch.handle(Fakes.delivery(Fakes.message("b"), handler, 1))).isEqualTo("done b");
        assertThat(script.calls).containsExactly("b");
    }

    @Test
    void a_routed_asynchronous_handler_gets_an_envelope_on_its_queue_through_before_send() throws Throwable {
        HandlerMethod async = Fakes.handler(script, "orders", null);
        Pipeline pipeline = pipelines(async).gateway(policy(null, 0));

        pipeline.handle(new Delivery(Fakes.message("c"), new dev.rebound.core.Route(
                dev.rebound.core.HandlerKind.COMMAND, null), "Bus#send"));

        assertThat(script.calls).isEmpty();
        assertThat(orders.envelopes).singleElement().satisfies(envelope -> {
            assertThat(envelope.handler()).isEqualTo("Fakes#run");
            assertThat(envelope.attempt()).isEqualTo(1);
            assertThat(envelope.message().headers().metadata()).containsEntry("trace", "t-1");
        });
        assertThat(heard).containsExactly("send orders");
    }

    @Test
    void instant_retry_retries_a_failure_and_tells_the_interceptors() throws Throwable {
        script.failing(new IllegalStateException("once"));
        HandlerMethod handler = Fakes.handler(script, null, null);

        Object result = pipelines(handler).gateway(policy(null, 2))
                .handle(Fakes.delivery(Fakes.message("d"), handler, 1));

        assertThat(result).isEqualTo("done d");
        assertThat(heard).containsExactly("handle GATEWAY 1", "retried INSTANT null", "handle GATEWAY 2");
        assertThat(context.retrying()).as("the thread is no longer marked retrying").isFalse();
    }

    @Test
    void instant_retry_gives_up_after_its_retries_with_the_last_failure() {
        IllegalStateException last = new IllegalStateException("third");
        script.failing(new IllegalStateException("first"), new IllegalStateException("second"), last);
        HandlerMethod handler = Fakes.handler(script, null, null);

        assertThatThrownBy(() -> pipelines(handler).gateway(policy(null, 2))
                .handle(Fakes.delivery(Fakes.message("e"), handler, 1))).isSameAs(last);
        assertThat(script.calls).hasSize(3);
    }

    @Test
    void instant_retry_does_not_retry_a_failure_it_aborts_on_even_when_its_exceptions_list_it() {
        IllegalStateException unrecoverable = new IllegalStateException("never again");
        script.failing(unrecoverable, new IllegalStateException("second"));
        HandlerMethod handler = Fakes.handler(script, null, null);
        EntryPointPolicy policy = new EntryPointPolicy(null, 3, List.of(IllegalStateException.class),
                List.of(RuntimeException.class), null, List.of());

        try (LogRecords log = LogRecords.of(FailureExecutor.class.getName())) {
            assertThatThrownBy(() -> pipelines(handler).gateway(policy)
                    .handle(Fakes.delivery(Fakes.message("ab"), handler, 1))).isSameAs(unrecoverable);
            assertThat(log.messages("REBOUND-1043")).singleElement().asString()
                    .contains("from Bus#send failed on attempt 1").contains("never again");
        }
        assertThat(script.calls).hasSize(1);
        assertThat(heard).containsExactly("handle GATEWAY 1");
        assertThat(context.retrying()).isFalse();
    }

    @Test
    void an_aborted_instant_retry_hands_the_first_failure_to_the_error_channel() throws Throwable {
        script.failing(new IllegalStateException("broken"), new IllegalStateException("second"));
        HandlerMethod handler = Fakes.handler(script, null, null);
        EntryPointPolicy policy = new EntryPointPolicy("alerts", 3, List.of(), List.of(IllegalStateException.class),
                null, List.of());

        pipelines(handler).gateway(policy).handle(Fakes.delivery(Fakes.message("ac"), handler, 1));

        assertThat(script.calls).hasSize(1);
        ErrorMessage error = (ErrorMessage) alerts.received.get(0).payload();
        assertThat(error.failure().exceptionMessage()).isEqualTo("broken");
        assertThat(error.attempts()).isEqualTo(1);
    }

    @Test
    void an_aborted_delayed_retry_is_logged_once_and_told_to_nobody_as_a_retry() throws Throwable {
        HandlerMethod handler = Fakes.handler(script, "orders", FailurePolicy.retry(
                dev.rebound.ErrorHandlerConfiguration.of("retry", dev.rebound.RetryTemplate.fixedBackoff(250)
                        .maxRetries(3).abortOn(IllegalStateException.class))));
        ConsumerPolicies policies = new ConsumerPolicies(Map.of(), Map.of(), Map.of(), null);
        ConsumerEntry entry = new ConsumerEntry(new HandlerRegistry(List.of(handler)), pipelines(handler),
                new FailureDecision(policies, new ErrorRoute(channels, Fakes.FAILURES), () -> 0), executor, policies,
                (id, channel, body, properties, reason) -> { });

        script.failing(new IllegalStateException("no way"));
        Inbound.Attempt attempt = entry.attempt("orders", Fakes.envelope(Fakes.message("ad"), 1, null));
        Throwable failure = failureOf(attempt);

        try (LogRecords log = LogRecords.of(FailureExecutor.class.getName())) {
            Outcome outcome = attempt.failed(failure);

            assertThat(outcome).isInstanceOf(Outcome.Final.class);
            assertThat(log.messages("REBOUND-1045")).singleElement().asString()
                    .contains("on channel orders failed on attempt 1").contains("no way").contains("STOP");
            assertThat(log.messages("REBOUND-1014")).isEmpty();
        }
        assertThat(heard).containsExactly("handle CONSUMER 1", "final STOP orders Fakes#run no way");
    }

    @Test
    void the_error_channel_step_hands_an_error_message_to_a_channel_that_is_not_a_queue() throws Throwable {
        script.failing(new IllegalStateException("broken"));
        HandlerMethod handler = Fakes.handler(script, null, null);
        Message message = Fakes.message("f");

        Object result = pipelines(handler).gateway(policy("alerts", 0)).handle(Fakes.delivery(message, handler, 1));

        assertThat(result).isNull();
        Message sent = alerts.received.get(0);
        ErrorMessage error = (ErrorMessage) sent.payload();
        assertThat(error.originalMessage()).isSameAs(message);
        assertThat(error.failure().exceptionMessage()).isEqualTo("broken");
        assertThat(sent.headers().timestamp()).as("stamped when it failed").isEqualTo(error.failedAt())
                .isEqualTo(Fakes.NOW);
    }

    @Test
    void the_error_channel_step_puts_the_message_itself_on_a_queue_error_channel_as_its_next_attempt()
            throws Throwable {
        script.failing(new IllegalStateException("broken"));
        HandlerMethod handler = Fakes.handler(script, null, null);

        pipelines(handler).gateway(policy("parking", 0)).handle(Fakes.delivery(Fakes.message("g"), handler, 1));

        assertThat(parking.envelopes).singleElement().satisfies(envelope -> {
            assertThat(envelope.message().payload()).isEqualTo("g");
            assertThat(envelope.attempt()).isEqualTo(2);
            assertThat(envelope.origin()).isEqualTo("Bus#send");
            assertThat(envelope.message().headers().metadata()).containsEntry("trace", "t-1");
        });
        assertThat(parking.delays).containsExactly(0L);
    }

    @Test
    void when_the_error_channel_fails_the_caller_gets_the_original_failure_with_the_channels_suppressed() {
        IllegalStateException original = new IllegalStateException("broken");
        script.failing(original);
        alerts.failure = new IllegalArgumentException("alerting down");
        HandlerMethod handler = Fakes.handler(script, null, null);

        assertThatThrownBy(() -> pipelines(handler).gateway(policy("alerts", 0))
                .handle(Fakes.delivery(Fakes.message("h"), handler, 1)))
                .isSameAs(original)
                .satisfies(failure -> assertThat(failure.getSuppressed()).containsExactly(alerts.failure));
    }

    @Test
    void an_interceptor_returning_null_from_before_send_fails_the_send() {
        Interceptors broken = new Interceptors(() -> List.of(new MessageInterceptor() {
            @Override
            public Message beforeSend(String channel, Message message) {
                return null;
            }
        }), List::of);

        assertThatThrownBy(() -> broken.enqueue(orders, Fakes.envelope(Fakes.message("i"), 1, null), 0))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("REBOUND-1040");
        assertThat(orders.envelopes).isEmpty();
    }

    @Test
    void an_interceptor_calling_proceed_twice_fails_the_call_with_the_handler_run_once() {
        Interceptors twice = new Interceptors(() -> List.of(new MessageInterceptor() {
            @Override
            public Object aroundHandle(Invocation invocation) throws Throwable {
                invocation.proceed();
                return invocation.proceed();
            }
        }), List::of);
        HandlerMethod handler = Fakes.handler(script, null, null);

        assertThatThrownBy(() -> twice.invoke(handler, Fakes.delivery(Fakes.message("j"), handler, 1),
                MessageInterceptor.Entry.GATEWAY)).hasMessageStartingWith("REBOUND-1042");
        assertThat(script.calls).hasSize(1);
    }

    @Test
    void observers_hear_handling_with_its_duration_through_the_innermost_interceptor() throws Throwable {
        List<String> observed = new CopyOnWriteArrayList<>();
        MessageObserver observer = new MessageObserver() {
            @Override
            public void handled(String channel, String handler, long nanos) {
                observed.add("handled " + handler + " " + (nanos >= 0));
            }
        };
        MessageObserver broken = new MessageObserver() {
            @Override
            public void handled(String channel, String handler, long nanos) {
                throw new IllegalStateException("observer down");
            }
        };
        Interceptors both = new Interceptors(() -> List.of(tracing), () -> List.of(broken, observer));
        HandlerMethod handler = Fakes.handler(script, null, null);

        Object result = both.invoke(handler, Fakes.delivery(Fakes.message("k"), handler, 1),
                MessageInterceptor.Entry.REPLAY);

        assertThat(result).isEqualTo("done k");
        assertThat(observed).containsExactly("handled Fakes#run true");
        assertThat(heard).containsExactly("handle REPLAY 1");
    }

    /** The consumer entry, as a transport uses it: run, then decide after the failure (no manager: no transaction). */
    @Test
    void a_consumer_attempt_runs_its_handler_and_a_delayed_retry_is_decided_told_and_stamped() throws Throwable {
        script.failing(new IllegalStateException("down"));
        HandlerMethod handler = Fakes.handler(script, "orders", FailurePolicy.retry(
                dev.rebound.ErrorHandlerConfiguration.of("retry", dev.rebound.RetryTemplate.fixedBackoff(250)
                        .maxRetries(3))));
        ConsumerPolicies policies = new ConsumerPolicies(Map.of(), Map.of(), Map.of(), null);
        ConsumerEntry entry = new ConsumerEntry(new HandlerRegistry(List.of(handler)), pipelines(handler),
                new FailureDecision(policies, new ErrorRoute(channels, Fakes.FAILURES), () -> 0), executor, policies,
                (id, channel, body, properties, reason) -> { });
        Inbound.Attempt attempt = entry.attempt("orders", Fakes.envelope(Fakes.message("l"), 1, null));

        Outcome outcome = attempt.failed(failureOf(attempt));

        assertThat(attempt.handler()).isEqualTo("Fakes#run");
        Outcome.Forward forward = (Outcome.Forward) outcome;
        assertThat(forward.delayMs()).isEqualTo(250);
        assertThat(forward.envelope().attempt()).isEqualTo(2);
        assertThat(forward.envelope().message().headers().metadata()).containsEntry("trace", "t-1");
        assertThat(orders.envelopes).as("the transport sends, not Rebound").isEmpty();
        assertThat(heard).containsExactly("handle CONSUMER 1", "retried DELAYED orders", "send orders");

        heard.clear();
        Outcome handled = entry.handle("orders", Fakes.envelope(Fakes.message("m"), 2, null));
        assertThat(handled).isEqualTo(Outcome.DONE);
        assertThat(heard).containsExactly("handle CONSUMER 2");
    }

    @Test
    void a_final_strategy_is_told_when_it_is_decided() throws Throwable {
        HandlerMethod handler = Fakes.handler(script, "orders", null);
        ConsumerPolicies policies = new ConsumerPolicies(Map.of(), Map.of(), Map.of(), null);
        ConsumerEntry entry = new ConsumerEntry(new HandlerRegistry(List.of(handler)), pipelines(handler),
                new FailureDecision(policies, new ErrorRoute(channels, Fakes.FAILURES), () -> 0), executor, policies,
                (id, channel, body, properties, reason) -> { });

        Outcome outcome = entry.attempt("orders", Fakes.envelope(Fakes.message("n"), 1, null))
                .failed(new IllegalStateException("no way"));

        assertThat(outcome).isInstanceOf(Outcome.Final.class);
        assertThat(heard).containsExactly("final STOP orders Fakes#run no way");
    }

    @Test
    void a_delivered_error_message_goes_to_its_channel_stamped_with_its_failure_time() {
        ErrorMessage error = Fakes.FAILURES.errorMessage(Fakes.delivery(Fakes.message("o"), null, 3),
                new IllegalStateException("x"));

        executor.deliver(new Outcome.Deliver("alerts", error), false);

        assertThat(alerts.received).singleElement().satisfies(sent -> {
            assertThat(sent.payload()).isSameAs(error);
            assertThat(sent.headers().timestamp()).isEqualTo(Fakes.NOW);
        });
    }

    @Test
    void an_unknown_envelope_handler_is_routed_by_kind_and_payload() {
        HandlerMethod handler = Fakes.handler(script, null, null);
        ConsumerPolicies policies = new ConsumerPolicies(Map.of(), Map.of(), Map.of(), null);
        ConsumerEntry entry = new ConsumerEntry(new HandlerRegistry(List.of(handler)), pipelines(handler),
                new FailureDecision(policies, new ErrorRoute(channels, Fakes.FAILURES), () -> 0), executor, policies,
                (id, channel, body, properties, reason) -> { });

        Delivery delivery = entry.delivery(new Envelope(Fakes.message("p"), null, "EVENT", 4, null));

        assertThat(delivery.target()).isNull();
        assertThat(delivery.route().kind()).isEqualTo(dev.rebound.core.HandlerKind.EVENT);
        assertThat(delivery.attempts()).isEqualTo(4);
    }
}
