package dev.rebound.jms.scenarios.poison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.Postgres;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Messages that cannot be read go to the dead letter with their raw body; the consumer goes on. */
@ReboundTest(beans = {Inbox.class}, profile = AsyncDeployments.Async.class)
class PoisonMessageTest {

    static {
        Broker.purge("inbox");
    }

    @Inject
    CommandBus commands;
    @Inject
    Inbox inbox;
    @Inject
    DeadLetters deadLetters;

    private static Map<String, String> headers(String type) {
        UUID id = UUID.randomUUID();
        return Map.of("rebound_messageId", id.toString(), "rebound_correlationId", id.toString(),
                "rebound_timestamp", "2026-01-01T00:00:00Z", "rebound_payloadType", type);
    }

    private DeadLetter onlyDeadLetter() {
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.count() == 1);
        return deadLetters.list(0, 1).get(0);
    }

    @Test
    void body_that_is_not_json_is_dead_lettered_raw_and_the_next_message_is_handled() {
        Broker.sendRaw("inbox", "{not json", headers(Inbox.Note.class.getName()));
        commands.send(new Inbox.Note("after"));

        DeadLetter letter = onlyDeadLetter();
        assertThat(letter.body()).isEqualTo("{not json");
        assertThat(letter.note()).contains("REBOUND-3003");
        assertThat(letter.origin()).isEqualTo("channel inbox");
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received().size() == 1);
        assertThat(inbox.received()).containsExactly(new Inbox.Note("after"));
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("inbox") == 0);
    }

    @Test
    void type_no_handler_accepts_is_dead_lettered_without_being_instantiated() {
        Broker.sendRaw("inbox", "{\"command\":[\"rm\"]}", headers("java.lang.ProcessBuilder"));

        DeadLetter letter = onlyDeadLetter();
        assertThat(letter.note()).contains("REBOUND-3002").contains("java.lang.ProcessBuilder");
        assertThat(letter.payload()).isNull();
        assertThat(deadLetters.replay(letter.id())).isFalse();
    }

    @Test
    void message_without_rebound_headers_is_dead_lettered_with_its_properties() {
        Broker.sendRaw("inbox", "{\"text\":\"hi\"}", Map.of("origin", "legacy-system"));

        DeadLetter letter = onlyDeadLetter();
        assertThat(letter.note()).contains("REBOUND-3004").contains("rebound_payloadType");
        assertThat(letter.body()).isEqualTo("{\"text\":\"hi\"}");
        assertThat(deadLetters.count()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("inbox") == 0);
    }

    @Test
    void unreadable_message_stays_on_the_queue_while_the_dead_letter_cannot_be_stored() {
        Postgres.execute("ALTER TABLE rebound_dead_letter RENAME TO rebound_dead_letter_away");
        String jmsId;
        try {
            jmsId = Broker.sendRaw("inbox", "{not json", headers(Inbox.Note.class.getName()));
            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5))
                    .until(() -> Broker.depth("inbox") == 1);
        } finally {
            Postgres.execute("ALTER TABLE rebound_dead_letter_away RENAME TO rebound_dead_letter");
        }
        DeadLetter letter = onlyDeadLetter();
        assertThat(letter.body()).isEqualTo("{not json");
        // the copies sent back while the store was down have new JMS ids; the dead letter keeps the original's
        assertThat(letter.messageId()).isEqualTo(UUID.nameUUIDFromBytes(jmsId.getBytes(StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("inbox") == 0);
        assertThat(deadLetters.count()).isEqualTo(1);
    }
}
