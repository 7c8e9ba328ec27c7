package dev.rebound.it.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.it.support.Fault;
import dev.rebound.it.support.ReboundWar;
import dev.rebound.it.support.Rows;
import jakarta.inject.Inject;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A @Transactional gateway with the dead letter as error channel, on Liberty's JTA, EclipseLink and Derby. */
@ExtendWith(ArquillianExtension.class)
class TransactionalGatewayIT {

    @Deployment
    static WebArchive deployment() {
        return ReboundWar.withoutJms("rollback").packageOf(OrderBus.class).build();
    }

    @Inject
    Checkout checkout;
    @Inject
    DeadLetters deadLetters;
    @Inject
    Rows rows;
    @Inject
    Fault fault;

    @BeforeEach
    void clean() {
        deadLetters.deleteAll();
        fault.off();
        fault.resetCalls();
    }

    @Test
    void failing_handler_leaves_no_row_and_one_dead_letter_with_the_error() {
        fault.failAlways();
        String id = UUID.randomUUID().toString();

        String result = checkout.place(id);

        assertThat(result).isNull();
        assertThat(rows.exists(id)).as("row written before the failure").isFalse();
        assertThat(deadLetters.count()).isEqualTo(1);
        DeadLetter letter = deadLetters.list(0, 10).get(0);
        assertThat(letter.payload()).isEqualTo(new PlaceOrder(id));
        assertThat(letter.failure().exceptionClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(letter.failure().exceptionMessage()).startsWith("fault switched on: payment provider down for " + id);
        assertThat(letter.handler()).isEqualTo(Orders.class.getName() + "#place");
        assertThat(letter.origin()).isEqualTo(OrderBus.class.getName() + "#send");
        assertThat(letter.attempts()).isEqualTo(1);
        assertThat(deadLetters.show(letter.id())).contains(letter);
    }

    @Test
    void replay_once_the_fault_is_off_writes_the_row_and_removes_the_dead_letter() {
        fault.failAlways();
        String id = UUID.randomUUID().toString();
        checkout.place(id);
        UUID messageId = deadLetters.list(0, 1).get(0).id();

        fault.off();

        assertThat(deadLetters.replay(messageId)).isTrue();
        assertThat(rows.exists(id)).isTrue();
        assertThat(deadLetters.show(messageId)).isEmpty();
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void replay_while_the_fault_is_still_on_keeps_one_entry_with_more_attempts_and_no_row() {
        fault.failAlways();
        String id = UUID.randomUUID().toString();
        checkout.place(id);
        UUID messageId = deadLetters.list(0, 1).get(0).id();

        assertThat(deadLetters.replay(messageId)).isFalse();

        assertThat(rows.exists(id)).isFalse();
        assertThat(deadLetters.count()).isEqualTo(1);
        assertThat(deadLetters.show(messageId).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void handler_that_succeeds_commits_its_row_and_returns_the_result() {
        String id = UUID.randomUUID().toString();

        assertThat(checkout.place(id)).isEqualTo(id);

        assertThat(rows.exists(id)).isTrue();
        assertThat(deadLetters.count()).isZero();
    }
}
