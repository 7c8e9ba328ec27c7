package dev.rebound.scenarios.unreadable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.DeadLetter;
import dev.rebound.DeadLetterFilter;
import dev.rebound.DeadLetters;
import dev.rebound.pipeline.Interceptors;
import dev.rebound.core.tx.Transactions;
import dev.rebound.deadletter.DeadLetterChannel;
import dev.rebound.deadletter.DeadLetterCodec;
import dev.rebound.deadletter.JpaDeadLetterStore;
import dev.rebound.deadletter.PayloadTypes;
import dev.rebound.scenarios.deadletter.Payloads;
import dev.rebound.testsupport.Jpa;
import dev.rebound.testsupport.Jta;
import dev.rebound.testsupport.Postgres;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Reading stored dead letters is total: a row a reader cannot make sense of (a poison message's raw properties
 * instead of Rebound's headers, text that is not JSON, missing columns) is shown with what is there, and never
 * breaks the list or page it is on.
 */
@ReboundTest(beans = {Payloads.DeadLetterBus.class, Payloads.Handlers.class})
class UnreadableRowsTest {

    @Inject
    DeadLetters deadLetters;

    private static UUID insert(String payloadType, String body, String headers, long failedAt) {
        UUID id = UUID.randomUUID();
        Postgres.execute("INSERT INTO rebound_dead_letter (id, message_id, payload_type, body, headers, "
                + "exception_class, exception_message, attempts, failed_at, last_failed_at, channel) VALUES ('" + id
                + "', '" + id + "', " + text(payloadType) + ", " + text(body) + ", " + text(headers)
                + ", 'dev.rebound.deadletter.DeadLetterChannel$PoisonMessage', 'REBOUND-3004: no Rebound headers', 1, "
                + failedAt + ", " + failedAt + ", 'inbox')");
        return id;
    }

    private static String text(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
    }

    @Test
    void a_poison_message_of_a_known_type_without_rebound_headers_is_listed_with_its_raw_properties() {
        UUID poison = insert(Payloads.Ship.class.getName(), "{\"orderId\":\"o-7\"}",
                "{\"rebound_payloadType\":\"" + Payloads.Ship.class.getName() + "\",\"origin\":\"legacy-system\","
                        + "\"JMSXDeliveryCount\":\"1\"}", 1_000);

        assertThat(deadLetters.list(0, 10)).singleElement().satisfies(letter -> {
            assertThat(letter.id()).isEqualTo(poison);
            assertThat(letter.headers()).isNull();
            assertThat(letter.properties()).containsEntry("origin", "legacy-system")
                    .containsEntry("JMSXDeliveryCount", "1")
                    .containsEntry("rebound_payloadType", Payloads.Ship.class.getName());
            assertThat(letter.payload()).isEqualTo(new Payloads.Ship("o-7"));
            assertThat(letter.note()).contains("REBOUND-1016");
        });
        assertThat(deadLetters.page(DeadLetterFilter.all(), null, 10).items()).hasSize(1);
        assertThat(deadLetters.show(poison)).isPresent();
        assertThat(deadLetters.replay(poison)).as("cannot be sent without its headers").isFalse();
        assertThat(deadLetters.show(poison).orElseThrow().failure().exceptionMessage()).contains("REBOUND-1016");
    }

    @Test
    void a_poison_message_stored_by_the_dead_letter_channel_is_listed_with_the_properties_it_arrived_with() {
        DeadLetterChannel channel = new DeadLetterChannel(() -> new JpaDeadLetterStore(Jpa::transactionScoped),
                new DeadLetterCodec(JsonbBuilder::create, new PayloadTypes(Set.of(Payloads.Ship.class))),
                new Transactions(Jta::transactionManager), handler -> null, Interceptors.NONE);
        UUID id = UUID.randomUUID();
        channel.savePoison(id, "inbox", "{\"orderId\":\"o-9\"}", Map.of("rebound_payloadType",
                Payloads.Ship.class.getName(), "origin", "legacy-system"), "REBOUND-3004: no Rebound headers",
                Instant.now());

        DeadLetter letter = deadLetters.list(0, 10).get(0);
        assertThat(letter.id()).isEqualTo(id);
        assertThat(letter.messageId()).isEqualTo(id);
        assertThat(letter.headers()).isNull();
        assertThat(letter.properties()).containsEntry("origin", "legacy-system");
        assertThat(letter.payload()).isEqualTo(new Payloads.Ship("o-9"));
        assertThat(letter.note()).contains("REBOUND-3004");
    }

    @Test
    void rows_with_text_that_is_not_json_or_missing_columns_are_shown_with_what_is_there() {
        UUID notJson = insert(Payloads.Ship.class.getName(), "{\"orderId\":\"o-8\"}", "{headers", 1_000);
        UUID nothing = insert(null, null, null, 2_000);
        UUID oddValues = insert(Payloads.Ship.class.getName(), "[1,2]",
                "{\"messageId\":\"not-a-uuid\",\"metadata\":{\"n\":1}}", 3_000);
        UUID wrongBody = insert(Payloads.Ship.class.getName(), "{\"orderId\":", "{\"messageId\":\"" + UUID.randomUUID()
                + "\",\"correlationId\":\"x\",\"timestamp\":\"yesterday\",\"metadata\":[]}", 4_000);

        assertThat(deadLetters.list(0, 10)).extracting(DeadLetter::id)
                .containsExactly(notJson, nothing, oddValues, wrongBody);
        assertThat(deadLetters.page(DeadLetterFilter.all(), null, 10).items()).hasSize(4);
        DeadLetter first = deadLetters.show(notJson).orElseThrow();
        assertThat(first.headers()).isNull();
        assertThat(first.properties()).containsEntry("(unreadable)", "{headers");
        DeadLetter empty = deadLetters.show(nothing).orElseThrow();
        assertThat(empty.payload()).isNull();
        assertThat(empty.properties()).isEmpty();
        assertThat(empty.note()).isNotBlank();
        assertThat(deadLetters.show(oddValues).orElseThrow().properties())
                .containsEntry("messageId", "not-a-uuid").containsEntry("metadata", "{\"n\":1}");
        assertThat(deadLetters.show(wrongBody).orElseThrow().note()).contains("REBOUND-1008");
        for (UUID id : new UUID[] {notJson, nothing, oddValues, wrongBody}) {
            assertThat(deadLetters.replay(id)).isFalse();
        }
        assertThat(deadLetters.count()).isEqualTo(4);
    }
}
