package dev.rebound.scenarios.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.DeadLetter;
import dev.rebound.DeadLetterNotFoundException;
import dev.rebound.DeadLetters;
import dev.rebound.testsupport.Postgres;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@ReboundTest(beans = {Payloads.DeadLetterBus.class, Payloads.Handlers.class})
class DeadLetterTest {

    @Inject
    Payloads.DeadLetterBus bus;
    @Inject
    Payloads.Handlers handlers;
    @Inject
    DeadLetters deadLetters;

    @Test
    void dead_letter_keeps_the_original_headers_and_replay_sends_the_same_message() {
        bus.send(new Payloads.Ship("o-1"), Map.of("tenant", "acme"));
        DeadLetter letter = deadLetters.list(0, 10).get(0);

        assertThat(letter.headers().metadata()).containsEntry("tenant", "acme");
        assertThat(letter.payloadType()).isEqualTo(Payloads.Ship.class.getName());
        assertThat(letter.body()).isEqualTo("{\"orderId\":\"o-1\"}");
        assertThat(letter.note()).isNull();
        assertThat(deadLetters.show(letter.id())).contains(letter);

        handlers.heal();
        assertThat(deadLetters.replay(letter.id())).isTrue();
        assertThat(handlers.shipped()).isEqualTo(1);
        assertThat(deadLetters.show(letter.id())).isEmpty();
    }

    @Test
    void replay_of_an_unknown_id_fails_clearly() {
        UUID unknown = UUID.randomUUID();
        assertThatThrownBy(() -> deadLetters.replay(unknown)).isInstanceOf(DeadLetterNotFoundException.class)
                .hasMessageContaining("REBOUND-1004").hasMessageContaining(unknown.toString());
    }

    @Test
    void replay_all_and_delete() {
        for (int i = 0; i < 3; i++) {
            bus.send(new Payloads.Ship("o-" + i));
        }
        assertThat(deadLetters.count()).isEqualTo(3);
        assertThat(deadLetters.replayAll()).isZero();
        assertThat(deadLetters.list(0, 10)).allSatisfy(l -> assertThat(l.attempts()).isEqualTo(2));

        UUID first = deadLetters.list(0, 1).get(0).id();
        assertThat(deadLetters.delete(first)).isTrue();
        handlers.heal();
        assertThat(deadLetters.replay(List.of(first, deadLetters.list(0, 1).get(0).id()))).isEqualTo(1);
        assertThat(deadLetters.count()).isEqualTo(1);
        assertThat(deadLetters.deleteAll()).isEqualTo(1);
        assertThat(handlers.shipped()).isEqualTo(1);
    }

    @Test
    void payload_that_cannot_be_written_as_json_still_leaves_a_dead_letter_with_the_reason() {
        bus.send(new Payloads.Unwritable());

        DeadLetter letter = deadLetters.list(0, 10).get(0);
        assertThat(letter.failure().exceptionMessage()).isEqualTo("cannot handle unwritable");
        assertThat(letter.body()).isNull();
        assertThat(letter.payload()).isNull();
        assertThat(letter.note()).contains("REBOUND-1007").contains(Payloads.Unwritable.class.getName());
        assertThat(deadLetters.replay(letter.id())).isFalse();
        assertThat(deadLetters.show(letter.id()).orElseThrow().failure().exceptionMessage()).contains("REBOUND-1007");
    }

    @Test
    void stored_type_that_no_handler_accepts_is_never_instantiated() {
        UUID id = UUID.randomUUID();
        Postgres.execute("INSERT INTO rebound_dead_letter (id, message_id, payload_type, body, headers, exception_class,"
                + " attempts, failed_at, last_failed_at) VALUES ('" + id + "', '" + id + "', 'java.lang.ProcessBuilder', "
                + "'{\"command\":[\"rm\"]}', '{\"messageId\":\"" + id + "\",\"correlationId\":\"" + id + "\","
                + "\"timestamp\":\"2026-01-01T00:00:00Z\",\"metadata\":{}}', 'E', 1, 1, 1)");

        DeadLetter letter = deadLetters.show(id).orElseThrow();
        assertThat(letter.payload()).isNull();
        assertThat(letter.note()).contains("REBOUND-1003").contains("java.lang.ProcessBuilder");
        assertThat(deadLetters.replay(id)).isFalse();
        assertThat(deadLetters.show(id).orElseThrow().failure().exceptionMessage()).contains("REBOUND-1003");
    }

    @Test
    void the_same_message_failing_concurrently_yields_one_dead_letter() throws Exception {
        bus.send(new Payloads.Ship("race"));
        UUID id = deadLetters.list(0, 1).get(0).id();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> replays = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                replays.add(() -> deadLetters.replay(id));
            }
            for (Future<Boolean> result : pool.invokeAll(replays)) {
                assertThat(result.get()).isFalse();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(deadLetters.count()).isEqualTo(1);
        assertThat(deadLetters.show(id).orElseThrow().attempts()).isEqualTo(9);
    }

    @Test
    void when_the_dead_letter_cannot_be_stored_the_caller_gets_the_original_failure() {
        Postgres.execute("ALTER TABLE rebound_dead_letter RENAME TO rebound_dead_letter_away");
        try {
            assertThatThrownBy(() -> bus.send(new Payloads.Ship("db-down")))
                    .isInstanceOf(IllegalStateException.class).hasMessage("carrier unavailable")
                    .satisfies(e -> assertThat(e.getSuppressed()).isNotEmpty());
        } finally {
            Postgres.execute("ALTER TABLE rebound_dead_letter_away RENAME TO rebound_dead_letter");
        }
        assertThat(deadLetters.count()).isZero();
    }
}
