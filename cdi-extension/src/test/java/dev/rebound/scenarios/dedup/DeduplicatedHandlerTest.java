package dev.rebound.scenarios.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.testsupport.LogRecords;
import dev.rebound.testsupport.Postgres;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A deduplicated handler runs once per key: a duplicate after a success is acknowledged without running it, while
 * a failed attempt records nothing, so its instant retry, its replay from the dead letter (30 days later) and a new
 * copy run it. Keys by header, by expression; scopes per handler and shared by a tracking name; the gateway entry.
 */
@ReboundTest(beans = {Payments.PaymentBus.class, Payments.RetryingBus.class, Payments.PlainBus.class,
        Payments.PaymentEvents.class, Payments.WebhookGateway.class, Payments.Ledger.class, Payments.Receipts.class,
        Payments.SharedScope.class, Payments.Clocks.class},
        config = {"rebound.deduplication.cleanup-interval=PT1S"}, tables = {"orders"})
class DeduplicatedHandlerTest {

    @Inject
    Payments.PaymentBus bus;
    @Inject
    Payments.RetryingBus retryingBus;
    @Inject
    Payments.PlainBus plainBus;
    @Inject
    Payments.PaymentEvents events;
    @Inject
    Payments.WebhookGateway webhooks;
    @Inject
    Payments.Ledger ledger;
    @Inject
    DeadLetters deadLetters;

    private static long effects(String what) {
        return Postgres.count("SELECT count(*) FROM orders WHERE product = '" + what + "'");
    }

    private static Map<String, String> payment(String id) {
        return Map.of("paymentId", id);
    }

    @Test
    void a_duplicate_after_a_success_is_acknowledged_without_running_the_handler_and_logged_once() {
        try (LogRecords logs = LogRecords.capture()) {
            bus.send(new Payments.Charge("pay-1"), payment("pay-1"));
            Object second = bus.send(new Payments.Charge("pay-1"), payment("pay-1"));

            assertThat(second).isNull();
            assertThat(ledger.runs()).isEqualTo(1);
            assertThat(effects("pay-1")).isEqualTo(1);
            assertThat(logs.messages("REBOUND-1070")).hasSize(1)
                    .allMatch(m -> m.contains(Payments.Ledger.class.getName() + "#charge"));
            assertThat(deadLetters.count()).isZero();
        }
        // another key runs
        bus.send(new Payments.Charge("pay-2"), payment("pay-2"));
        assertThat(effects("pay-2")).isEqualTo(1);
        assertThat(Postgres.count("SELECT count(*) FROM rebound_dedup")).isEqualTo(2);
    }

    @Test
    void a_failed_attempt_records_no_key_so_its_instant_retry_runs_the_handler() {
        ledger.failNext(1);
        retryingBus.send(new Payments.Charge("pay-3"), payment("pay-3"));

        assertThat(ledger.runs()).isEqualTo(2);
        assertThat(effects("pay-3")).isEqualTo(1);
        retryingBus.send(new Payments.Charge("pay-3"), payment("pay-3"));
        assertThat(ledger.runs()).isEqualTo(2);
    }

    @Test
    void a_copy_sent_again_after_a_failure_runs_the_handler() {
        ledger.failNext(1);
        assertThatThrownBy(() -> plainBus.send(new Payments.Charge("pay-4"), payment("pay-4")))
                .hasMessageContaining("the ledger is down");
        assertThat(Postgres.count("SELECT count(*) FROM rebound_dedup")).isZero();

        plainBus.send(new Payments.Charge("pay-4"), payment("pay-4"));
        assertThat(effects("pay-4")).isEqualTo(1);
        assertThat(ledger.runs()).isEqualTo(2);
    }

    @Test
    void a_replay_from_the_dead_letter_30_days_later_runs_the_handler_and_a_later_duplicate_does_not() {
        // another payment, handled now: its key expires after the retention (7 days)
        bus.send(new Payments.Charge("pay-old"), payment("pay-old"));
        ledger.failNext(1);
        bus.send(new Payments.Charge("pay-5"), payment("pay-5"));
        List<DeadLetter> dead = deadLetters.list(0, 10);
        assertThat(dead).hasSize(1);

        Payments.Clocks.CLOCK.advance(Duration.ofDays(30));
        // the cleanup (every second here) removes the expired key of pay-old
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Postgres.count("SELECT count(*) FROM rebound_dedup") == 0);
        assertThat(deadLetters.replay(dead.get(0).id())).isTrue();

        assertThat(effects("pay-5")).isEqualTo(1);
        assertThat(ledger.runs()).isEqualTo(3);
        bus.send(new Payments.Charge("pay-5"), payment("pay-5"));
        assertThat(ledger.runs()).isEqualTo(3);
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void each_handler_of_an_event_has_its_own_scope_and_a_tracking_name_shares_one() {
        events.publish(new Payments.Paid("pay-6"), payment("pay-6"));
        events.publish(new Payments.Paid("pay-6"), payment("pay-6"));

        // a sibling's key does not make the other handler's copy a duplicate
        assertThat(effects("receipt:pay-6")).isEqualTo(1);
        assertThat(effects("archive:pay-6")).isEqualTo(1);
        // the two handlers that share "payment-notice": one of them handled it, once
        assertThat(effects("notice:pay-6")).isEqualTo(1);
        assertThat(ledger.runs()).isEqualTo(3);
    }

    @Test
    void an_expression_over_the_payload_is_the_key() {
        plainBus.send(new Payments.Refund("pay-7"));
        plainBus.send(new Payments.Refund("pay-7"));
        plainBus.send(new Payments.Refund("pay-8"));

        assertThat(effects("refund:pay-7")).isEqualTo(1);
        assertThat(effects("refund:pay-8")).isEqualTo(1);
    }

    @Test
    void a_deduplicated_gateway_method_handles_each_header_value_once() {
        webhooks.receive(new Payments.Webhook("evt-1"), "evt-1");
        webhooks.receive(new Payments.Webhook("evt-1"), "evt-1");
        webhooks.receive(new Payments.Webhook("evt-2"), "evt-2");

        assertThat(effects("webhook:evt-1")).isEqualTo(1);
        assertThat(effects("webhook:evt-2")).isEqualTo(1);
    }

    @Test
    void a_message_without_its_key_fails_instead_of_being_dropped() {
        bus.send(new Payments.Charge("pay-9"));

        assertThat(ledger.runs()).isZero();
        assertThat(deadLetters.list(0, 10)).singleElement()
                .satisfies(dead -> assertThat(dead.failure().exceptionMessage()).contains("REBOUND-1072", "paymentId"));
    }

    @Test
    void the_keys_are_fixed_size_hashes() {
        bus.send(new Payments.Charge("p"), payment(UUID.randomUUID() + "-a-long-key-".repeat(40)));
        assertThat(Postgres.count("SELECT count(*) FROM rebound_dedup WHERE length(dedup_key) = 43")).isEqualTo(1);
    }
}
