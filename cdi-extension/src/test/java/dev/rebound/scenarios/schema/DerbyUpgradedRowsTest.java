package dev.rebound.scenarios.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.deadletter.DeadLetterIds;
import dev.rebound.deadletter.JpaDeadLetterStore;
import dev.rebound.deadletter.ReboundSchema;
import dev.rebound.spi.DeadLetterRecord;
import dev.rebound.testsupport.Jpa;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Derby cannot compute the name-based id in SQL, so its version 3 keeps a dead letter's message id as its id. The
 * JPA store (Hibernate on that Derby database) still finds such a row by that id, which is the id that listing,
 * replay, delete and the dashboard address it by.
 */
class DerbyUpgradedRowsTest {

    @Test
    void a_row_of_a_first_version_table_is_found_by_the_store_under_its_message_id_after_the_upgrade()
            throws Exception {
        DataSource derby = Databases.empty("derby");
        List<UUID> messages;
        try (Connection c = derby.getConnection()) {
            Databases.atVersion(c, "derby", 1);
            messages = Databases.insertFirstShapeRows(c);
            ReboundSchema.create(c);
        }
        EntityManagerFactory factory = Persistence.createEntityManagerFactory(Jpa.UNIT, Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.nonJtaDataSource", derby));
        try (factory; EntityManager em = factory.createEntityManager()) {
            JpaDeadLetterStore store = new JpaDeadLetterStore(() -> em);

            Optional<DeadLetterRecord> ofHandler = store.find(messages.get(0));

            assertThat(ofHandler).hasValueSatisfying(record -> {
                assertThat(record.messageId()).isEqualTo(messages.get(0));
                assertThat(record.handler()).isEqualTo("a.Shipping#ship");
                assertThat(record.body()).isEqualTo("{\"orderId\":\"o-1\"}");
            });
            // not under the id a new failure of that message in that handler gets
            assertThat(store.find(DeadLetterIds.of(messages.get(0), "a.Shipping#ship"))).isEmpty();
            assertThat(store.find(messages.get(1))).hasValueSatisfying(record ->
                    assertThat(record.body()).isEqualTo("not json"));
        }
    }
}
