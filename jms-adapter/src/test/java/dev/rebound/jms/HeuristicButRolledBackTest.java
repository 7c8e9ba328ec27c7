package dev.rebound.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A commit the transaction manager reports as {@link HeuristicMixedException} although it rolled the transaction
 * back (Open Liberty, when a remote messaging engine dies while the consumer's transaction prepares: the two-node
 * suite's {@code EngineHostKilledIT}): a lost resource, the message comes back; a heuristic outcome after a commit
 * decision stays one (its message is stored as a dead letter for an operator).
 */
class HeuristicButRolledBackTest {

    /** A transaction manager whose commit tells the synchronizations {@code completed}, then throws the heuristic. */
    private static TransactionManager reporting(int completed) {
        List<Synchronization> synchronizations = new ArrayList<>();
        Transaction transaction = (Transaction) Proxy.newProxyInstance(Transaction.class.getClassLoader(),
                new Class<?>[] {Transaction.class}, (proxy, method, args) -> {
                    if (method.getName().equals("registerSynchronization")) {
                        synchronizations.add((Synchronization) args[0]);
                    }
                    return method.getName().equals("getStatus") ? Status.STATUS_ACTIVE : null;
                });
        return (TransactionManager) Proxy.newProxyInstance(TransactionManager.class.getClassLoader(),
                new Class<?>[] {TransactionManager.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getTransaction" -> transaction;
                    case "getStatus" -> Status.STATUS_ACTIVE;
                    case "commit" -> {
                        synchronizations.forEach(s -> s.afterCompletion(completed));
                        throw new HeuristicMixedException();
                    }
                    default -> null;
                });
    }

    private static JtaSession session(TransactionManager tm) {
        Message message = (Message) Proxy.newProxyInstance(Message.class.getClassLoader(),
                new Class<?>[] {Message.class}, (proxy, method, args) -> null);
        JMSConsumer consumer = (JMSConsumer) Proxy.newProxyInstance(JMSConsumer.class.getClassLoader(),
                new Class<?>[] {JMSConsumer.class}, (proxy, method, args) ->
                        method.getName().equals("receive") ? message : null);
        return new JtaSession(tm) {
            @Override
            JMSConsumer join(Transaction transaction) {
                return consumer;
            }

            @Override
            void release() {
            }

            @Override
            public JMSContext context() {
                return null;
            }
        };
    }

    @Test
    void a_heuristic_for_a_rolled_back_transaction_is_a_lost_resource() {
        JtaSession session = session(reporting(Status.STATUS_ROLLEDBACK));
        assertThat(session.receive(1)).isNotNull();   // the unit is open
        assertThatThrownBy(session::commit).isInstanceOfSatisfying(UnitCommitException.class, failure -> {
            assertThat(failure.getCause()).isInstanceOf(JtaSession.RolledBackAfterHeuristic.class)
                    .hasCauseInstanceOf(HeuristicMixedException.class);
            assertThat(JmsConsumer.resourceLost(failure)).isTrue();
        });
    }

    @Test
    void a_heuristic_after_a_commit_decision_stays_one() {
        for (int completed : new int[] {Status.STATUS_COMMITTED, Status.STATUS_UNKNOWN}) {
            JtaSession session = session(reporting(completed));
            assertThat(session.receive(1)).isNotNull();   // the unit is open
            assertThatThrownBy(session::commit).isInstanceOfSatisfying(UnitCommitException.class, failure -> {
                assertThat(failure.getCause()).isInstanceOf(HeuristicMixedException.class);
                assertThat(JmsConsumer.resourceLost(failure)).isFalse();
            });
        }
    }
}
