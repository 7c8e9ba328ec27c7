package dev.rebound.scenarios.interception;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.testsupport.LogRecords;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Interceptor beans take part in every handler call of the synchronous entries (gateway, replay, internal channel),
 * in the order of their priority, and hear retries, dead letters and replays. (The consumer and the transport's unit
 * are covered with a broker in the jms-adapter's {@code InterceptedConsumerTest}.)
 */
@ReboundTest(beans = {
        Shipping.ShippingBus.class, Shipping.AlertingBus.class, Shipping.Handlers.class, Interceptions.Inner.class,
        Interceptions.Outer.class})
class InterceptorTest {

    @Inject
    Shipping.ShippingBus shipping;
    @Inject
    Shipping.AlertingBus alerting;
    @Inject
    Shipping.Handlers handlers;
    @Inject
    DeadLetters deadLetters;

    @BeforeEach
    void clean() {
        Interceptions.reset();
    }

    @Test
    void interceptors_wrap_gateway_calls_and_replays_in_priority_order_and_hear_retries_dead_letters_and_replays() {
        shipping.send(new Shipping.Ship("o-1"));

        assertThat(Interceptions.calls).containsExactly(
                "outer GATEWAY ship attempt 1 Ship", "inner GATEWAY", "handler", "outer done",
                "outer retried INSTANT",
                "outer GATEWAY ship attempt 2 Ship", "inner GATEWAY", "handler", "outer done",
                "outer deadLettering", "inner deadLettering outer",
                "outer deadLettered Ship inner", "inner deadLettered");

        Interceptions.calls.clear();
        handlers.heal();
        assertThat(deadLetters.replay(deadLetters.list(0, 1).get(0).id())).isTrue();
        assertThat(Interceptions.calls).containsExactly(
                "outer REPLAY ship attempt 3 Ship", "inner REPLAY", "handler", "outer done", "outer replayed true");
        assertThat(handlers.shipped()).containsExactly("o-1");
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void handlers_of_an_internal_channel_are_intercepted_with_the_error_message() {
        alerting.send(new Shipping.Ship("o-2"));

        assertThat(Interceptions.calls).containsExactly(
                "outer GATEWAY ship attempt 1 Ship", "inner GATEWAY", "handler", "outer done",
                "outer INTERNAL alert attempt 1 ErrorMessage", "inner INTERNAL", "handler", "outer done");
        assertThat(handlers.alerts()).containsExactly("carrier unavailable for o-2");
    }

    @Test
    void an_interceptor_that_throws_around_the_handler_fails_the_message_as_the_handler_would() {
        handlers.heal();
        Interceptions.Outer.refuse = true;

        shipping.send(new Shipping.Ship("o-3"));

        assertThat(Interceptions.calls).doesNotContain("handler").contains("outer retried INSTANT");
        assertThat(handlers.shipped()).isEmpty();
        DeadLetter letter = deadLetters.list(0, 1).get(0);
        assertThat(letter.failure().exceptionClass()).isEqualTo(SecurityException.class.getName());
        assertThat(letter.failure().exceptionMessage()).isEqualTo("refused by the outer interceptor");
    }

    @Test
    void an_interceptor_that_does_not_proceed_fails_the_message_instead_of_dropping_it() {
        handlers.heal();
        Interceptions.Outer.skip = true;

        shipping.send(new Shipping.Ship("o-4"));

        assertThat(handlers.shipped()).isEmpty();
        DeadLetter letter = deadLetters.list(0, 1).get(0);
        assertThat(letter.failure().exceptionMessage()).startsWith("REBOUND-1041: Message interceptor "
                + Interceptions.Outer.class.getName()).contains("Shipping$Handlers#ship did not run");
    }

    @Test
    void an_interceptor_that_throws_on_an_event_is_logged_and_changes_nothing() {
        Interceptions.Inner.failEvents = true;

        try (LogRecords log = LogRecords.capture()) {
            shipping.send(new Shipping.Ship("o-5"));

            assertThat(deadLetters.count()).isEqualTo(1);
            assertThat(log.containing("REBOUND-4004")).singleElement().satisfies(record ->
                    assertThat(LogRecords.message(record)).contains(Interceptions.Inner.class.getName(),
                            "inner interceptor broken"));
        }
        assertThat(Interceptions.calls).contains("outer deadLettered Ship inner");
    }

    @Test
    void the_dead_letter_is_stored_as_the_interceptors_make_it_in_their_order() {
        shipping.send(new Shipping.Ship("o-6"));

        DeadLetter letter = deadLetters.list(0, 1).get(0);
        assertThat(letter.headers().metadata()).containsEntry("stamped-by", "outer").containsEntry("seen-by", "inner");
    }

    @Test
    void an_interceptor_that_loses_the_dead_letter_is_logged_and_skipped() {
        for (Interceptions.Storing misbehaving : new Interceptions.Storing[] {
                Interceptions.Storing.NULL, Interceptions.Storing.OTHER_ID, Interceptions.Storing.THROW}) {
            Interceptions.Inner.storing = misbehaving;
            String id = "o-7-" + misbehaving;

            try (LogRecords log = LogRecords.capture()) {
                shipping.send(new Shipping.Ship(id));

                String code = misbehaving == Interceptions.Storing.THROW ? "REBOUND-4004" : "REBOUND-1090";
                assertThat(log.containing(code)).as(misbehaving.name()).singleElement().satisfies(record ->
                        assertThat(LogRecords.message(record)).contains(Interceptions.Inner.class.getName()));
            }
            DeadLetter letter = deadLetters.list(0, 10).stream()
                    .filter(l -> l.failure().exceptionMessage().endsWith(id)).findFirst().orElseThrow();
            // stored with what the interceptors before it made, under the failed message's id
            assertThat(letter.headers().metadata()).as(misbehaving.name()).containsEntry("stamped-by", "outer")
                    .doesNotContainKey("seen-by");
        }
    }
}
