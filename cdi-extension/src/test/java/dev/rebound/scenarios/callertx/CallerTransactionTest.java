package dev.rebound.scenarios.callertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.DeadLetters;
import dev.rebound.testsupport.Jta;
import dev.rebound.testsupport.LogRecords;
import dev.rebound.testsupport.Postgres;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Instant retries of a gateway called inside the caller's JTA transaction (Narayana, PostgreSQL): an attempt that
 * joins the caller's transaction runs once, its failure is captured outside that transaction and thrown to the
 * caller; an attempt in a transaction of its own (REQUIRES_NEW, or no caller transaction) is retried.
 */
@ReboundTest(beans = {
        Bookings.DeadLetteringBookings.class, Bookings.AlertingBookings.class, Bookings.IndependentBookings.class,
        Bookings.RetryingBookings.class, Bookings.Ledger.class, Bookings.FailureDesk.class}, tables = "orders")
class CallerTransactionTest {

    @Inject
    Bookings.DeadLetteringBookings deadLettering;
    @Inject
    Bookings.AlertingBookings alerting;
    @Inject
    Bookings.IndependentBookings independent;
    @Inject
    Bookings.RetryingBookings retrying;
    @Inject
    Bookings.Ledger ledger;
    @Inject
    DeadLetters deadLetters;

    private final TransactionManager tm = Jta.transactionManager();

    @AfterEach
    void noTransactionLeft() throws Exception {
        if (tm.getStatus() != Status.STATUS_NO_TRANSACTION) {
            tm.rollback();
        }
    }

    private static long rows(String like) {
        return Postgres.count("SELECT count(*) FROM orders WHERE id LIKE '" + like + "'");
    }

    @Test
    void joined_attempt_runs_once_and_its_failure_reaches_the_caller_after_the_dead_letter() throws Exception {
        tm.begin();
        // would succeed on its second attempt; that attempt would run in the transaction the first one doomed
        assertThatThrownBy(() -> deadLettering.send(new Bookings.Book("j-1", 1)))
                .isInstanceOf(IllegalStateException.class).hasMessage("ledger busy for j-1");
        assertThat(ledger.attempts("j-1")).isEqualTo(1);
        assertThat(tm.getStatus()).isEqualTo(Status.STATUS_MARKED_ROLLBACK);
        tm.rollback();

        assertThat(rows("j-1#%")).isZero();
        assertThat(deadLetters.count()).isEqualTo(1);
        assertThat(deadLetters.list(0, 10).get(0).attempts()).isEqualTo(1);
    }

    @Test
    void joined_attempt_without_error_channel_is_not_retried() throws Exception {
        tm.begin();
        assertThatThrownBy(() -> retrying.send(new Bookings.Book("j-2", 1)))
                .isInstanceOf(IllegalStateException.class).hasMessage("ledger busy for j-2");
        assertThat(ledger.attempts("j-2")).isEqualTo(1);
        tm.rollback();
        assertThat(rows("j-2#%")).isZero();
    }

    @Test
    void internal_error_channel_captures_outside_the_callers_transaction_so_its_work_survives_the_rollback()
            throws Exception {
        tm.begin();
        assertThatThrownBy(() -> alerting.send(new Bookings.Book("j-3", 9))).isInstanceOf(IllegalStateException.class);
        tm.rollback();

        assertThat(rows("failed:j-3")).isEqualTo(1);
        assertThat(rows("j-3#%")).isZero();
    }

    @Test
    void skipped_retries_are_logged_once_per_gateway_method() throws Exception {
        try (LogRecords log = LogRecords.capture()) {
            for (String id : new String[] {"j-4", "j-5"}) {
                tm.begin();
                assertThatThrownBy(() -> retrying.send(new Bookings.Book(id, 1))).isInstanceOf(IllegalStateException.class);
                tm.rollback();
            }
            assertThat(log.messages("REBOUND-1030")).singleElement().asString()
                    .contains(Bookings.RetryingBookings.class.getName() + "#send", "REQUIRES_NEW");
        }
    }

    @Test
    void without_a_caller_transaction_each_attempt_gets_a_fresh_transaction() {
        assertThat((String) deadLettering.send(new Bookings.Book("f-1", 1))).isEqualTo("booked f-1");

        assertThat(ledger.attempts("f-1")).isEqualTo(2);
        assertThat(rows("f-1#1")).isZero();
        assertThat(rows("f-1#2")).isEqualTo(1);
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void requires_new_retries_inside_a_caller_transaction_and_leaves_it_usable() throws Exception {
        tm.begin();
        assertThat((String) independent.send(new Bookings.Book("n-1", 1))).isEqualTo("booked n-1");
        assertThat(tm.getStatus()).isEqualTo(Status.STATUS_ACTIVE);
        tm.rollback();

        assertThat(ledger.attempts("n-1")).isEqualTo(2);
        assertThat(rows("n-1#2")).isEqualTo(1);
    }

    @Test
    void requires_new_failure_is_captured_and_the_caller_gets_null_and_can_commit() throws Exception {
        tm.begin();
        assertThat((Object) independent.send(new Bookings.Book("n-2", 9))).isNull();
        assertThat(tm.getStatus()).isEqualTo(Status.STATUS_ACTIVE);
        tm.commit();

        assertThat(ledger.attempts("n-2")).isEqualTo(3);
        assertThat(rows("n-2#%")).isZero();
        assertThat(deadLetters.count()).isEqualTo(1);
    }
}
