package dev.rebound.it.atomic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.DeadLetters;
import dev.rebound.it.support.Calls;
import dev.rebound.it.support.Fault;
import dev.rebound.it.support.Queues;
import dev.rebound.it.support.ReboundWar;
import dev.rebound.it.support.Rows;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * In the server, an asynchronous handler's database row, the JMS messages it sends and the acknowledgement of
 * the message it handles commit together (XA across Derby/PostgreSQL and the embedded engine), or not at all.
 */
@ExtendWith(ArquillianExtension.class)
class AtomicConsumptionIT {

    @Deployment
    static WebArchive deployment() {
        return ReboundWar.named("atomic").packageOf(Sales.class).queue("sales", "jms/itAtomic").build();
    }

    @Inject
    Sales sales;
    @Inject
    Rows rows;
    @Inject
    Queues queues;
    @Inject
    Fault fault;
    @Inject
    Calls calls;
    @Inject
    DeadLetters deadLetters;

    @BeforeEach
    void reset() {
        fault.off();
        deadLetters.deleteAll();
        while (queues.receiveText(Sales.NOTIFICATIONS) != null) {
            // leftovers of an earlier run
        }
    }

    @Test
    void handled_message_commits_row_and_sent_message_and_leaves_the_queue() {
        String id = UUID.randomUUID().toString();

        sales.sell(id);

        await().atMost(Duration.ofSeconds(20)).until(() -> rows.exists(id));
        await().atMost(Duration.ofSeconds(10)).until(() -> queues.depth("itAtomic") == 0);
        assertThat(queues.receiveText(Sales.NOTIFICATIONS)).isEqualTo(id);
        assertThat(calls.count(id)).isEqualTo(1);
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void failing_handler_leaves_neither_row_nor_sent_message_and_its_message_is_retried_then_dead_lettered() {
        fault.failAlways();
        String id = UUID.randomUUID().toString();

        sales.sell(id);

        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.count() == 1);
        assertThat(calls.count(id)).as("first delivery and one delayed retry").isEqualTo(2);
        assertThat(rows.exists(id)).isFalse();
        assertThat(queues.receiveText(Sales.NOTIFICATIONS)).as("sends of failed attempts are rolled back").isNull();
        assertThat(queues.depth("itAtomic")).isZero();
    }
}
