package dev.rebound.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.core.Delivery;
import dev.rebound.core.HandlerMethod;
import dev.rebound.core.HandlerRegistry;
import dev.rebound.core.MessageContext;
import dev.rebound.core.Pipeline;
import dev.rebound.core.tx.Transactions;
import dev.rebound.spi.MessageInterceptor.Entry;
import dev.rebound.testsupport.Jta;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.TransactionalException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The steps that demarcate transactions, with the real transaction manager (Narayana) and no container: the handler
 * notes the transaction it runs in, and how that transaction ends.
 */
class TransactionStepsTest {

    private final TransactionManager tm = Jta.transactionManager();
    private final Transactions transactions = new Transactions(() -> tm);
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final Fakes.Script script = new Fakes.Script() {
        @Override
        public Object run(Object payload) throws Throwable {
            Transaction current = tm.getTransaction();
            seen.add(current == null ? "handler outside a transaction" : "handler in " + id(current));
            if (current != null) {
                current.registerSynchronization(new Synchronization() {
                    @Override
                    public void beforeCompletion() {
                    }

                    @Override
                    public void afterCompletion(int status) {
                        seen.add(status == Status.STATUS_COMMITTED ? "committed" : "rolled back");
                    }
                });
            }
            return super.run(payload);
        }
    };
    private final HandlerMethod handler = Fakes.handler(script, null, null);
    private final Pipeline dispatch = new DispatchStep(new HandlerRegistry(List.of(handler)),
            new MessageContext(Fakes.CLOCK), Fakes.channels(), Interceptors.NONE, Entry.REPLAY);

    private Transaction outer;

    @AfterEach
    void noTransactionLeftOnTheThread() throws Exception {
        assertThat(tm.getTransaction()).isNull();
    }

    private static String id(Transaction transaction) {
        return Integer.toHexString(System.identityHashCode(transaction));
    }

    private Delivery delivery() {
        return Fakes.delivery(Fakes.message("x"), handler, 1);
    }

    @Test
    void a_replay_claims_the_dead_letter_and_runs_the_handler_in_one_committed_transaction() throws Throwable {
        List<String> claims = new CopyOnWriteArrayList<>();
        ReplayClaimStep replay = new ReplayClaimStep(dispatch, transactions, id -> {
            claims.add("claimed in " + id(transactionOf()));
            return true;
        });

        replay.replay(java.util.UUID.randomUUID(), delivery());

        assertThat(claims).singleElement().isEqualTo(seen.get(0).replace("handler", "claimed"));
        assertThat(seen).endsWith("committed");
    }

    @Test
    void a_replay_whose_dead_letter_is_gone_runs_nothing() {
        ReplayClaimStep replay = new ReplayClaimStep(dispatch, transactions, id -> false);

        assertThatThrownBy(() -> replay.replay(java.util.UUID.randomUUID(), delivery()))
                .isInstanceOf(ReplayClaimStep.Gone.class);
        assertThat(script.calls).isEmpty();
    }

    @Test
    void a_failed_replay_rolls_its_claim_back_with_the_handlers_work() {
        IllegalStateException failure = new IllegalStateException("still broken");
        script.failing(failure);
        ReplayClaimStep replay = new ReplayClaimStep(dispatch, transactions, id -> true);

        assertThatThrownBy(() -> replay.replay(java.util.UUID.randomUUID(), delivery())).isSameAs(failure);
        assertThat(seen).endsWith("rolled back");
    }

    @Test
    void a_consumers_own_transaction_suspends_the_callers_and_commits_on_its_own() throws Throwable {
        tm.begin();
        outer = tm.getTransaction();
        try {
            new OwnTransactionStep(dispatch, transactions).handle(delivery());
            assertThat(tm.getTransaction()).as("the caller's is back").isSameAs(outer);
        } finally {
            tm.rollback();
        }
        assertThat(seen.get(0)).isNotEqualTo("handler in " + id(outer));
        assertThat(seen).containsExactly(seen.get(0), "committed");
    }

    @Test
    void a_consumer_without_a_transaction_manager_runs_the_handler_without_one() throws Throwable {
        Transactions none = new Transactions(() -> {
            throw new IllegalStateException("no manager");
        });

        new OwnTransactionStep(dispatch, none).handle(delivery());

        assertThat(seen).containsExactly("handler outside a transaction");
    }

    @Test
    void required_rolls_its_own_transaction_back_on_a_failure() {
        script.failing(new IllegalStateException("no"));

        assertThatThrownBy(() -> new TransactionStep(dispatch, transactions, TxType.REQUIRED, List.of())
                .handle(delivery())).hasMessage("no");
        assertThat(seen).endsWith("rolled back");
    }

    @Test
    void required_commits_despite_a_failure_listed_in_dont_rollback_on() {
        script.failing(new IllegalArgumentException("kept"));

        assertThatThrownBy(() -> new TransactionStep(dispatch, transactions, TxType.REQUIRED,
                List.of(IllegalArgumentException.class)).handle(delivery())).hasMessage("kept");
        assertThat(seen).endsWith("committed");
    }

    @Test
    void required_joined_marks_the_callers_transaction_rollback_only() throws Exception {
        script.failing(new IllegalStateException("no"));
        tm.begin();
        try {
            assertThatThrownBy(() -> new TransactionStep(dispatch, transactions, TxType.REQUIRED, List.of())
                    .handle(delivery())).hasMessage("no");
            assertThat(tm.getStatus()).isEqualTo(Status.STATUS_MARKED_ROLLBACK);
        } finally {
            tm.rollback();
        }
    }

    @Test
    void mandatory_without_a_transaction_fails_before_the_handler() {
        assertThatThrownBy(() -> new TransactionStep(dispatch, transactions, TxType.MANDATORY, List.of())
                .handle(delivery())).isInstanceOf(TransactionalException.class).hasMessageStartingWith("REBOUND-1005");
        assertThat(script.calls).isEmpty();
    }

    private Transaction transactionOf() {
        try {
            return tm.getTransaction();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
