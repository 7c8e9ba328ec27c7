package dev.rebound.scenarios.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.DeadLetters;
import dev.rebound.testsupport.Jta;
import dev.rebound.testsupport.Postgres;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionalException;
import org.junit.jupiter.api.Test;

@ReboundTest(beans = {
        TxScenario.NewTxBus.class, TxScenario.MandatoryBus.class, TxScenario.NeverBus.class,
        TxScenario.KeepingBus.class, TxScenario.JoiningBus.class, TxScenario.Writer.class}, tables = "orders")
class TransactionTypesTest {

    @Inject
    TxScenario.NewTxBus newTx;
    @Inject
    TxScenario.MandatoryBus mandatory;
    @Inject
    TxScenario.NeverBus never;
    @Inject
    TxScenario.KeepingBus keeping;
    @Inject
    TxScenario.JoiningBus joining;
    @Inject
    DeadLetters deadLetters;

    private final TransactionManager tm = Jta.transactionManager();

    private static long rows(String id) {
        return Postgres.count("SELECT count(*) FROM orders WHERE id = '" + id + "'");
    }

    @Test
    void requires_new_commits_even_when_the_caller_rolls_back() throws Exception {
        tm.begin();
        newTx.send(new TxScenario.Insert("new-1", false));
        tm.rollback();
        assertThat(rows("new-1")).isEqualTo(1);
    }

    @Test
    void mandatory_without_a_transaction_fails_clearly() {
        assertThatThrownBy(() -> mandatory.send(new TxScenario.Insert("m-1", false)))
                .isInstanceOf(TransactionalException.class).hasMessageContaining("REBOUND-1005");
        assertThat(rows("m-1")).isZero();
    }

    @Test
    void mandatory_joins_the_caller_transaction() throws Exception {
        tm.begin();
        mandatory.send(new TxScenario.Insert("m-2", false));
        tm.rollback();
        assertThat(rows("m-2")).isZero();
    }

    @Test
    void never_inside_a_transaction_fails_clearly() throws Exception {
        tm.begin();
        try {
            assertThatThrownBy(() -> never.send(new TxScenario.Insert("n-1", false)))
                    .isInstanceOf(TransactionalException.class).hasMessageContaining("REBOUND-1006");
        } finally {
            tm.rollback();
        }
    }

    @Test
    void dont_roll_back_on_commits_the_writes_and_still_propagates() {
        assertThatThrownBy(() -> keeping.send(new TxScenario.Insert("k-1", true)))
                .isInstanceOf(TxScenario.KeepMe.class);
        assertThat(rows("k-1")).isEqualTo(1);
    }

    @Test
    void joined_failure_marks_the_caller_transaction_rollback_only_and_is_thrown_while_the_dead_letter_survives()
            throws Exception {
        tm.begin();
        assertThatThrownBy(() -> joining.send(new TxScenario.Insert("j-1", true)))
                .isInstanceOf(TxScenario.KeepMe.class).hasMessage("failed after insert j-1");
        assertThat(tm.getStatus()).isEqualTo(jakarta.transaction.Status.STATUS_MARKED_ROLLBACK);
        tm.rollback();
        assertThat(rows("j-1")).isZero();
        assertThat(deadLetters.count()).isEqualTo(1);
    }
}
