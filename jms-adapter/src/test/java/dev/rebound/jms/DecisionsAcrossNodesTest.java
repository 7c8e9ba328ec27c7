package dev.rebound.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.Consumers;
import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.Failure;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.Jta;
import dev.rebound.testsupport.LogRecords;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several nodes on one broker and one database, the decisions in the table: "node 1" is this test, which takes the
 * message off the queue as a consumer of another node would, fails it, writes its decision into rebound_decision
 * and rolls back (the broker redelivers) without a word on any topic; "node 2" is the deployment, whose consumers
 * get the redelivery ({@code JMSXDeliveryCount} 2). In the modes where the handler joins the unit (xa here).
 */
@ReboundTest(beans = {Decided.class}, profile = AsyncDeployments.Async.class)
class DecisionsAcrossNodesTest {

    static {
        Broker.purge(Decided.CHANNEL);
    }

    private static final LogRecords LOGS = LogRecords.of("dev.rebound.jms");

    @Inject
    CommandBus commands;
    @Inject
    Consumers consumers;
    @Inject
    Decided decided;
    @Inject
    DeadLetters deadLetters;

    private final DecisionTable node1 = new DecisionTable(Jta.dataSource(), "node-1", 60_000);

    @AfterAll
    static void stopCapturing() {
        LOGS.close();
    }

    @BeforeEach
    void inAJoinedMode() {
        assumeTrue(AsyncDeployments.oneTransaction(), "the table serves the modes xa and jta");
    }

    /** The message as node 1's consumer holds it after its handler failed: its key, and its context to roll back. */
    private record Held(JMSContext context, String key) {
    }

    private Held takeAsNode1() throws Exception {
        assertThat(deadLetters.count()).isZero();    // JPA started (its first use takes seconds on a loaded machine)
        consumers.pause(Decided.CHANNEL);
        commands.send(new Decided.Task("t"));
        JMSContext context = Broker.connectionFactory().createContext(JMSContext.SESSION_TRANSACTED);
        Message message = context.createConsumer(context.createQueue(Decided.CHANNEL)).receive(10_000);
        assertThat(message).isNotNull();
        UUID messageId = UUID.fromString(message.getStringProperty("rebound_messageId"));
        return new Held(context, DecisionTable.key(messageId, message.getJMSMessageID()));
    }

    private static Decision deadLetter(String why) {
        return Decision.deliver(Channels.DEAD_LETTER, new FailureText(new Failure("java.lang.IllegalStateException",
                why, null, null, null, null), Decided.class.getName() + "#handle", null, 1, Instant.now()), 0);
    }

    private static long rows(String key) throws Exception {
        try (Connection c = Jta.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM rebound_decision WHERE decision_key = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    @Test
    void the_decision_node_1_wrote_before_it_stopped_is_carried_out_once_by_node_2_on_the_redelivery()
            throws Exception {
        assertThat(LOGS.messages("REBOUND-3108")).anySatisfy(line -> assertThat(line)
                .contains("table rebound_decision of the DataSource bean"));
        Held held = takeAsNode1();
        node1.route(held.key(), null).decided(deadLetter("failed on node 1"));
        held.context().rollback();
        held.context().close();          // node 1 stops: no notice, nothing in node 2's memory

        consumers.resume(Decided.CHANNEL);

        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.count() == 1);
        DeadLetter letter = deadLetters.list(0, 1).get(0);
        assertThat(letter.failure().exceptionMessage()).isEqualTo("failed on node 1");
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth(Decided.CHANNEL) == 0);
        assertThat(rows(held.key())).isZero();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> deadLetters.count() == 1 && decided.calls() == 0);
    }

    /** Later than the topic's 250 ms: the redelivery waits as long as node 1 holds the row, and runs no handler. */
    @Test
    void a_redelivery_that_comes_while_node_1_decides_waits_for_its_decision() throws Exception {
        Held held = takeAsNode1();
        DecisionTable.Routing routing = node1.route(held.key(), null);
        try {
            held.context().rollback();
            held.context().close();
            consumers.resume(Decided.CHANNEL);

            await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(10))
                    .until(() -> decided.calls() == 0 && deadLetters.count() == 0);
            routing.decided(deadLetter("decided late on node 1"));
        } finally {
            routing.close();             // a failed test leaves no consumer waiting for it
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.count() == 1);
        assertThat(deadLetters.list(0, 1).get(0).failure().exceptionMessage()).isEqualTo("decided late on node 1");
        assertThat(decided.calls()).isZero();
        assertThat(rows(held.key())).isZero();
    }

    /** Node 1 dies while deciding: its lock goes with its connection, the row is left routing; the handler runs. */
    @Test
    void a_node_that_died_while_deciding_leaves_the_attempt_to_run_again_once() throws Exception {
        Held held = takeAsNode1();
        node1.route(held.key(), null).close();
        held.context().rollback();
        held.context().close();
        consumers.resume(Decided.CHANNEL);

        await().atMost(Duration.ofSeconds(30)).until(() -> decided.calls() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth(Decided.CHANNEL) == 0);
        assertThat(LOGS.messages("REBOUND-3111")).anySatisfy(line -> assertThat(line)
                .contains("failed on node node-1", "the handler runs again for this attempt"));
        assertThat(rows(held.key())).isZero();
        assertThat(deadLetters.count()).isZero();
    }
}
