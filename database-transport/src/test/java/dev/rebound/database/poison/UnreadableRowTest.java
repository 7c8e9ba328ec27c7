package dev.rebound.database.poison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.database.sending.Orders;
import dev.rebound.database.testing.DatabaseProfile;
import dev.rebound.database.testing.Tables;
import dev.rebound.testsupport.Jta;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A row with Rebound's headers whose payload cannot be read (a type no handler accepts, JSON that is not the type's)
 * becomes a dead letter with its raw body and leaves the table; the rows behind it are handled.
 */
@ReboundTest(beans = Orders.class, tables = "rebound_message", profile = DatabaseProfile.class)
class UnreadableRowTest {

    @Inject
    DeadLetters deadLetters;

    @Inject
    Orders orders;

    private static void insert(String payloadType, String body) {
        UUID id = UUID.randomUUID();
        long now = System.currentTimeMillis();
        Tables.execute(Jta.dataSource(), "INSERT INTO rebound_message (id, channel, message_id, payload_type, body, "
                + "headers, kind, attempt, resends, due_at, created_at, epoch) VALUES ('" + UUID.randomUUID()
                + "', 'orders', '" + id + "', '" + payloadType + "', '" + body + "', '{\"correlationId\":\"" + id
                + "\",\"timestamp\":\"2026-12-02T05:00:00Z\",\"metadata\":{}}', 'COMMAND', 1, 0, " + now + ", "
                + now + ", 0)");
    }

    @Test
    void a_row_of_an_unknown_payload_type_or_bad_json_is_a_dead_letter_and_leaves_the_table() {
        insert("com.example.Unknown", "{\"id\":\"x\"}");
        insert(Orders.PlaceOrder.class.getName(), "{not json");
        insert(Orders.PlaceOrder.class.getName(), "{\"id\":\"fine\"}");

        // 30 s: the first dead letter of the JVM boots Hibernate, which takes seconds on a loaded machine
        await().atMost(Duration.ofSeconds(30)).until(() -> Tables.depth(Jta.dataSource(), "orders") == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> orders.placed().contains("fine"));
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.count() == 2);
        assertThat(deadLetters.list(0, 2)).extracting(DeadLetter::body)
                .containsExactlyInAnyOrder("{\"id\":\"x\"}", "{not json");
        assertThat(deadLetters.list(0, 2)).extracting(DeadLetter::channel).containsOnly("orders");
        assertThat(deadLetters.list(0, 2)).allSatisfy(letter -> assertThat(letter.note()).contains("REBOUND-"));
    }
}
