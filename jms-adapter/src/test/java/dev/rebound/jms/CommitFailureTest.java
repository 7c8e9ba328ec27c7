package dev.rebound.jms;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.JMSException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.RollbackException;
import java.sql.SQLIntegrityConstraintViolationException;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;

/**
 * Which failed commits of a consumer's unit are a lost resource (the consumer reconnects and the broker gives the
 * message again, no attempt counted) and which are the message's failure (routed by its policy).
 */
class CommitFailureTest {

    private static RollbackException rolledBack(Throwable suppressed) {
        RollbackException e = new RollbackException("ARJUNA016053: Could not commit transaction.");
        if (suppressed != null) {
            e.addSuppressed(suppressed);
        }
        return e;
    }

    @Test
    void a_broker_lost_at_prepare_is_a_lost_resource() {
        assertThat(JmsConsumer.resourceLost(new UnitCommitException(rolledBack(new XAException(XAException.XAER_RMFAIL)))))
                .isTrue();
        assertThat(JmsConsumer.resourceLost(new UnitCommitException(
                rolledBack(new XAException(XAException.XA_RBCOMMFAIL))))).isTrue();
        assertThat(JmsConsumer.resourceLost(new UnitCommitException(new JMSException("connection closed")))).isTrue();
    }

    @Test
    void a_constraint_or_a_vote_to_roll_back_is_the_messages_failure() {
        assertThat(JmsConsumer.resourceLost(new UnitCommitException(rolledBack(
                new SQLIntegrityConstraintViolationException("duplicate key"))))).isFalse();
        assertThat(JmsConsumer.resourceLost(new UnitCommitException(rolledBack(null)))).isFalse();
        assertThat(JmsConsumer.resourceLost(new UnitCommitException(rolledBack(
                new XAException(XAException.XA_RBINTEGRITY))))).isFalse();
        assertThat(JmsConsumer.resourceLost(new UnitCommitException(rolledBack(
                new jakarta.jms.InvalidDestinationException("no queue 'nowhere'"))))).isFalse();
    }

    @Test
    void only_a_failed_commit_counts_and_a_heuristic_outcome_never_does() {
        assertThat(JmsConsumer.resourceLost(new IllegalStateException(new JMSException("handler's own")))).isFalse();
        HeuristicMixedException mixed = new HeuristicMixedException();
        mixed.addSuppressed(new XAException(XAException.XAER_RMFAIL));
        assertThat(JmsConsumer.resourceLost(new UnitCommitException(mixed))).isFalse();
    }
}
