package dev.rebound.scenarios.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.testsupport.Postgres;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@ReboundTest(beans = {ResilientCommandBus.class, OrderHandler.class}, tables = "orders")
class TransactionalGatewayTest {

    @Inject
    ResilientCommandBus bus;
    @Inject
    OrderHandler handler;
    @Inject
    DeadLetters deadLetters;

    @Test
    void handler_failing_every_attempt_leaves_no_row_and_one_dead_letter() {
        handler.failTimes(Integer.MAX_VALUE);
        String id = UUID.randomUUID().toString();

        Object result = bus.send(new PlaceOrder(id, "book"));

        assertThat(result).isNull();
        assertThat(handler.calls()).isEqualTo(3);
        assertThat(Postgres.count("SELECT count(*) FROM orders")).isZero();
        assertThat(deadLetters.count()).isEqualTo(1);
        DeadLetter letter = deadLetters.list(0, 10).get(0);
        assertThat(letter.payload()).isEqualTo(new PlaceOrder(id, "book"));
        assertThat(letter.attempts()).isEqualTo(3);
        assertThat(letter.failure().exceptionClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(letter.failure().exceptionMessage()).isEqualTo("payment provider down for " + id);
        assertThat(letter.handler()).isEqualTo(OrderHandler.class.getName() + "#place");
        assertThat(letter.origin()).isEqualTo(ResilientCommandBus.class.getName() + "#send");
        assertThat(letter.failure().stackTrace()).contains("OrderHandler.place");
    }

    @Test
    void handler_recovering_within_instant_retries_commits_once_and_leaves_no_dead_letter() {
        handler.failTimes(2);
        String id = UUID.randomUUID().toString();

        assertThat((String) bus.send(new PlaceOrder(id, "book"))).isEqualTo(id);

        assertThat(handler.calls()).isEqualTo(3);
        assertThat(Postgres.count("SELECT count(*) FROM orders WHERE id = '" + id + "'")).isEqualTo(1);
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void replay_after_the_fault_is_fixed_runs_the_handler_and_removes_the_dead_letter() {
        handler.failTimes(Integer.MAX_VALUE);
        String id = UUID.randomUUID().toString();
        bus.send(new PlaceOrder(id, "book"));
        UUID messageId = deadLetters.list(0, 1).get(0).id();

        handler.failTimes(0);
        assertThat(deadLetters.replay(messageId)).isTrue();

        assertThat(Postgres.count("SELECT count(*) FROM orders WHERE id = '" + id + "'")).isEqualTo(1);
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void replay_that_fails_again_updates_the_same_entry_and_rolls_back_its_writes() {
        handler.failTimes(Integer.MAX_VALUE);
        bus.send(new PlaceOrder(UUID.randomUUID().toString(), "book"));
        DeadLetter before = deadLetters.list(0, 1).get(0);

        assertThat(deadLetters.replay(before.id())).isFalse();

        assertThat(deadLetters.count()).isEqualTo(1);
        DeadLetter after = deadLetters.show(before.id()).orElseThrow();
        assertThat(after.attempts()).isEqualTo(4);
        assertThat(after.failedAt()).isEqualTo(before.failedAt());
        assertThat(after.lastFailedAt()).isAfterOrEqualTo(before.lastFailedAt());
        assertThat(Postgres.count("SELECT count(*) FROM orders")).isZero();
    }
}
