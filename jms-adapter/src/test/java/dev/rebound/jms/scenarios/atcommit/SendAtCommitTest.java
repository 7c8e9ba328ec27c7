package dev.rebound.jms.scenarios.atcommit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.Consumers;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.Jta;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import jakarta.transaction.RollbackException;
import jakarta.transaction.TransactionManager;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Messages sent in a JTA transaction (the caller's, or an asynchronous handler's) leave just before it commits:
 * none when it rolls back, none when one of them cannot be written.
 */
@ReboundTest(beans = {Ledger.class}, profile = AsyncDeployments.Async.class)
class SendAtCommitTest {

    static {
        Broker.purge("entries");
        Broker.purge("postings");
    }

    @Inject
    CommandBus commands;
    @Inject
    Consumers consumers;
    @Inject
    Ledger ledger;

    private final TransactionManager tm = Jta.transactionManager();

    @BeforeEach
    void holdEntries() {
        consumers.pause("entries");
    }

    @AfterEach
    void release() throws Exception {
        if (tm.getTransaction() != null) {
            tm.rollback();
        }
        Broker.purge("entries");
        consumers.resumeAll();
    }

    @Test
    void messages_sent_in_the_callers_transaction_leave_when_it_commits_not_before() throws Exception {
        tm.begin();
        commands.send(new Ledger.Entry("c-1"));
        commands.send(new Ledger.Entry("c-2"));
        commands.send(new Ledger.Entry("c-3"));
        assertThat(Broker.depth("entries")).isZero();

        tm.commit();

        assertThat(Broker.depth("entries")).isEqualTo(3);
        consumers.resume("entries");
        await().atMost(Duration.ofSeconds(10)).until(() -> ledger.entries().size() == 3);
        assertThat(ledger.entries()).containsExactly("c-1", "c-2", "c-3");
    }

    @Test
    void nothing_leaves_when_the_callers_transaction_rolls_back() throws Exception {
        tm.begin();
        commands.send(new Ledger.Entry("r-1"));
        commands.send(new Ledger.Entry("r-2"));
        tm.rollback();

        commands.send(new Ledger.Entry("r-3"));          // no transaction: at once

        assertThat(Broker.depth("entries")).isEqualTo(1);
        consumers.resume("entries");
        await().atMost(Duration.ofSeconds(10)).until(() -> ledger.entries().contains("r-3"));
        assertThat(ledger.entries()).doesNotContain("r-1", "r-2");
    }

    @Test
    void an_unwritable_second_message_of_three_fails_the_call_and_none_of_them_is_sent() throws Exception {
        tm.begin();
        commands.send(new Ledger.Entry("u-1"));
        assertThatThrownBy(() -> commands.send(new Ledger.Entry("unwritable-2")))
                .hasMessageContaining("REBOUND-3052")
                .hasMessageContaining(Ledger.Entry.class.getName())
                .hasMessageContaining("channel entries")
                .hasMessageContaining("marked for rollback");
        commands.send(new Ledger.Entry("u-3"));          // the caller goes on as if nothing happened

        assertThatThrownBy(tm::commit).isInstanceOf(RollbackException.class);
        assertThat(Broker.depth("entries")).isZero();
    }

    @Test
    void messages_of_a_handler_that_failed_are_not_sent_only_those_of_its_successful_retry() {
        consumers.resume("entries");

        commands.send(new Ledger.Posting("p-1"));

        await().atMost(Duration.ofSeconds(10)).until(() -> ledger.postings("p-1") == 2
                && ledger.entries().containsAll(java.util.List.of("p-1-a", "p-1-b")));
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("entries") == 0);
        assertThat(ledger.entries()).containsExactly("p-1-a", "p-1-b");
    }
}
