package dev.rebound.scenarios.perhandler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.DeadLetterFilter;
import dev.rebound.ErrorMessage;
import dev.rebound.Failure;
import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import dev.rebound.pipeline.Interceptors;
import dev.rebound.core.tx.Transactions;
import dev.rebound.deadletter.DeadLetterChannel;
import dev.rebound.deadletter.DeadLetterCodec;
import dev.rebound.deadletter.DeadLetterIds;
import dev.rebound.deadletter.JpaDeadLetterStore;
import dev.rebound.deadletter.PayloadTypes;
import dev.rebound.deadletter.ReboundSchema;
import dev.rebound.spi.DeadLetterRecord;
import dev.rebound.testsupport.Jpa;
import dev.rebound.testsupport.Jta;
import dev.rebound.testsupport.Postgres;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two handlers of one event fail on their own: each gets its own dead letter (keyed by message and handler), and
 * the same handler failing again on the same message finds its entry. The dead letter channel on the JPA store and
 * PostgreSQL, as Rebound assembles it.
 */
class OneDeadLetterPerHandlerTest {

    public record OrderPlaced(String orderId) {
    }

    private final JpaDeadLetterStore store = new JpaDeadLetterStore(Jpa::transactionScoped);
    private final Transactions transactions = new Transactions(Jta::transactionManager);
    private final DeadLetterChannel channel = new DeadLetterChannel(() -> store,
            new DeadLetterCodec(JsonbBuilder::create, new PayloadTypes(Set.of(OrderPlaced.class))), transactions,
            handler -> "projections", Interceptors.NONE);

    @BeforeEach
    void clean() {
        Postgres.execute("DELETE FROM rebound_dead_letter");
    }

    private static ErrorMessage failure(Message message, String handler, String error) {
        return new ErrorMessage(message, new Failure(IllegalStateException.class.getName(), error,
                IllegalStateException.class.getName(), error, "java.lang.IllegalStateException: " + error, null),
                handler, "channel projections", 1, Instant.now(), null);
    }

    private List<DeadLetterRecord> ofMessage(UUID messageId) throws Throwable {
        return transactions.inNewTransaction(() -> store.page(DeadLetterFilter.all().withMessageId(messageId), null,
                10, false));
    }

    @Test
    void two_failed_handlers_of_one_event_leave_two_dead_letters_and_a_repeat_failure_merges_into_its_own()
            throws Throwable {
        Message event = new Message(new OrderPlaced("o-1"), MessageHeaders.first(Instant.now(), null, Map.of()));
        UUID messageId = event.headers().messageId();
        channel.send(new Message(failure(event, "a.Search#index", "search down"),
                MessageHeaders.first(Instant.now(), null, Map.of())));
        channel.send(new Message(failure(event, "a.Mail#send", "mail down"),
                MessageHeaders.first(Instant.now(), null, Map.of())));
        channel.send(new Message(failure(event, "a.Mail#send", "mail still down"),
                MessageHeaders.first(Instant.now(), null, Map.of())));

        List<DeadLetterRecord> letters = ofMessage(messageId);
        assertThat(letters).hasSize(2).allSatisfy(r -> assertThat(r.messageId()).isEqualTo(messageId));
        DeadLetterRecord search = letters.stream().filter(r -> r.handler().equals("a.Search#index")).findFirst()
                .orElseThrow();
        DeadLetterRecord mail = letters.stream().filter(r -> r.handler().equals("a.Mail#send")).findFirst()
                .orElseThrow();
        assertThat(search.id()).isEqualTo(DeadLetterIds.of(messageId, "a.Search#index")).isNotEqualTo(mail.id());
        assertThat(search.attempts()).isEqualTo(1);
        assertThat(search.failure().exceptionMessage()).isEqualTo("search down");
        assertThat(mail.id()).isEqualTo(DeadLetterIds.of(messageId, "a.Mail#send"));
        assertThat(mail.attempts()).isEqualTo(2);
        assertThat(mail.failure().exceptionMessage()).isEqualTo("mail still down");
        assertThat(Postgres.count("SELECT count(*) FROM rebound_dead_letter")).isEqualTo(2);
    }

    @Test
    void the_id_is_a_name_based_uuid_of_message_and_handler_and_the_message_id_without_a_handler() {
        UUID message = UUID.fromString("6e14229d-0b1a-4c44-9d0e-4bb5d1d7c8a1");
        assertThat(DeadLetterIds.of(message, null)).isEqualTo(message);
        assertThat(DeadLetterIds.of(message, "a.Mail#send"))
                .isEqualTo(UUID.nameUUIDFromBytes(("rebound-dead-letter:" + message + ":a.Mail#send")
                        .getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(DeadLetterIds.of(message, "a.Mail#send"))
                .isNotEqualTo(DeadLetterIds.of(message, "a.Search#index"));
    }

    /** The PostgreSQL migrations upgrade a table of the first shape (keyed by message id) in place. */
    @Test
    void the_postgresql_migrations_upgrade_a_table_keyed_by_message_id_to_the_same_ids() throws Exception {
        UUID withHandler = UUID.randomUUID();
        UUID poison = UUID.randomUUID();
        Postgres.execute("DROP SCHEMA IF EXISTS earlier CASCADE; CREATE SCHEMA earlier; SET search_path TO earlier; "
                + Postgres.script(ReboundSchema.migration("postgresql", 1))
                + "INSERT INTO rebound_dead_letter (message_id, handler, attempts, failed_at, last_failed_at) VALUES "
                + "('" + withHandler + "', 'a.Mail#send', 1, 1, 1), ('" + poison + "', NULL, 1, 2, 2);"
                + Postgres.script(ReboundSchema.migration("postgresql", 2))
                + Postgres.script(ReboundSchema.migration("postgresql", 3)));
        try {
            assertThat(Postgres.count("SELECT count(*) FROM earlier.rebound_dead_letter WHERE id = '"
                    + DeadLetterIds.of(withHandler, "a.Mail#send") + "' AND message_id = '" + withHandler + "'"))
                    .isEqualTo(1);
            assertThat(Postgres.count("SELECT count(*) FROM earlier.rebound_dead_letter WHERE id = '" + poison
                    + "' AND message_id = '" + poison + "'")).isEqualTo(1);
            // a second failed handler of the same message now fits beside the first
            Postgres.execute("INSERT INTO earlier.rebound_dead_letter (id, message_id, handler, attempts, failed_at, "
                    + "last_failed_at) VALUES ('" + DeadLetterIds.of(withHandler, "a.Search#index") + "', '"
                    + withHandler + "', 'a.Search#index', 1, 3, 3)");
            assertThat(Postgres.count("SELECT count(*) FROM pg_indexes WHERE schemaname = 'earlier' AND indexname IN "
                    + "('rebound_dead_letter_failed_at', 'rebound_dead_letter_pkey')")).isZero();
            assertThat(Postgres.count("SELECT count(*) FROM pg_indexes WHERE schemaname = 'earlier' AND indexname IN "
                    + "('rebound_dead_letter_key', 'rebound_dead_letter_page', 'rebound_dead_letter_page_message')"))
                    .isEqualTo(3);
        } finally {
            Postgres.execute("DROP SCHEMA earlier CASCADE");
        }
    }
}
