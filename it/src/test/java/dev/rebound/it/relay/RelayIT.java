package dev.rebound.it.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.DeadLetters;
import dev.rebound.it.support.Calls;
import dev.rebound.it.support.MessageRows;
import dev.rebound.it.support.Queues;
import dev.rebound.it.support.ReboundWar;
import dev.rebound.it.support.Rows;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The combined channel "database, then broker" inside Liberty (jta mode): every send to the JMS channel invoices is
 * a row of the database channel itInvoicesOutbox in the business transaction; the relay claims the rows after the
 * commit and puts them on the messaging engine's queue in its own JTA transaction (the deletes and the sends commit
 * together, XA), where the JMS consumer handles each once.
 */
@ExtendWith(ArquillianExtension.class)
class RelayIT {

    @Deployment
    static WebArchive deployment() {
        return ReboundWar.withDatabaseTransport(ReboundWar.named("relay")).packageOf(Invoices.class)
                .config("rebound.channels", Invoices.OUTBOX)
                .config("rebound.channel." + Invoices.OUTBOX + ".transport", "database")
                .config("rebound.channel." + Invoices.OUTBOX + ".relay-to", Invoices.CHANNEL)
                .config("rebound.channel." + Invoices.CHANNEL + ".transport", "jms")
                .config("rebound.channel." + Invoices.CHANNEL + ".outbox", Invoices.OUTBOX)
                .queue(Invoices.CHANNEL, Invoices.QUEUE)
                .build();
    }

    @Inject
    Invoices invoices;
    @Inject
    Rows rows;
    @Inject
    MessageRows messages;
    @Inject
    Queues queues;
    @Inject
    Calls calls;
    @Inject
    DeadLetters deadLetters;
    @Inject
    UserTransaction transaction;

    @BeforeEach
    void reset() {
        deadLetters.deleteAll();
        await().atMost(Duration.ofSeconds(20)).until(() -> messages.depth(Invoices.OUTBOX) == 0
                && queues.depth(Invoices.QUEUE) == 0);
    }

    @Test
    void messages_written_in_the_business_transaction_are_relayed_after_the_commit_and_handled_once()
            throws Exception {
        String bill = UUID.randomUUID().toString();
        List<String> ids = IntStream.range(0, 5).mapToObj(i -> bill + "-" + i).toList();

        transaction.begin();
        try {
            invoices.bill(bill, ids.toArray(String[]::new));
            assertThat(messages.depth(Invoices.OUTBOX)).as("rows in the business transaction").isEqualTo(5);
            assertThat(queues.depth(Invoices.QUEUE)).as("nothing on the queue before the commit").isZero();
        } finally {
            transaction.commit();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(id -> rows.exists("invoice-" + id + "-1")));
        await().atMost(Duration.ofSeconds(10)).until(() -> messages.depth(Invoices.OUTBOX) == 0
                && queues.depth(Invoices.QUEUE) == 0);
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() ->
                ids.stream().allMatch(id -> calls.count(id) == 1));
        assertThat(rows.exists("bill-" + bill)).isTrue();
        for (String id : ids) {
            assertThat(rows.count(id)).as("one handling of %s", id).isEqualTo(1);
        }
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void a_rollback_of_the_business_transaction_sends_nothing() throws Exception {
        String bill = UUID.randomUUID().toString();

        transaction.begin();
        try {
            invoices.bill(bill, bill + "-0", bill + "-1");
            assertThat(messages.depth(Invoices.OUTBOX)).isEqualTo(2);
        } finally {
            transaction.rollback();
        }

        assertThat(messages.depth(Invoices.OUTBOX)).isZero();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                calls.count(bill + "-0") == 0 && calls.count(bill + "-1") == 0 && queues.depth(Invoices.QUEUE) == 0);
        assertThat(rows.count(bill)).isZero();
        assertThat(rows.exists("bill-" + bill)).isFalse();
    }
}
