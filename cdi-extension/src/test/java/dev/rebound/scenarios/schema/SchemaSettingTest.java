package dev.rebound.scenarios.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.DeadLetters;
import dev.rebound.deadletter.DeadLetterIds;
import dev.rebound.deadletter.ReboundSchema;
import dev.rebound.scenarios.deadletter.Payloads;
import dev.rebound.testing.Deployments;
import dev.rebound.testsupport.Postgres;
import java.util.Map;
import java.util.UUID;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code rebound.schema} on embedded PostgreSQL, through the JPA store's EntityManager (Hibernate): validate at
 * start names what is missing, create makes or upgrades the table with the shipped migrations. Each test leaves the full table.
 */
class SchemaSettingTest {

    private static final Class<?>[] APPLICATION = {Payloads.DeadLetterBus.class, Payloads.Handlers.class};

    @AfterEach
    void restoreTheShippedTable() {
        ReboundSchema.TABLES.keySet().forEach(table -> Postgres.execute("DROP TABLE IF EXISTS " + table));
        for (int version = 1; version <= ReboundSchema.VERSION; version++) {
            Postgres.execute(Postgres.script(ReboundSchema.migration("postgresql", version)));
        }
    }

    @Test
    void validate_passes_on_the_shipped_schema() {
        try (WeldContainer container = Deployments.start(Map.of("rebound.schema", "validate"), APPLICATION)) {
            assertThat(container.isRunning()).isTrue();
        }
    }

    @Test
    void validate_fails_the_start_naming_the_dropped_column_only() {
        Postgres.execute("ALTER TABLE rebound_dead_letter DROP COLUMN fingerprint CASCADE"); // with version 10's trigger on it

        String failure = Deployments.messages(Deployments.failure(Map.of("rebound.schema", "validate"), APPLICATION));

        assertThat(failure).contains("REBOUND-2091", "lacks column rebound_dead_letter.fingerprint. Run the shipped migrations");
    }

    @Test
    void validate_fails_the_start_naming_a_missing_table() {
        Postgres.execute("DROP TABLE rebound_dead_letter");

        String failure = Deployments.messages(Deployments.failure(Map.of("rebound.schema", "validate"), APPLICATION));

        assertThat(failure).contains("REBOUND-2091", "lacks table rebound_dead_letter.");
    }

    @Test
    void without_the_setting_a_missing_column_is_not_checked_at_start() {
        Postgres.execute("ALTER TABLE rebound_dead_letter DROP COLUMN fingerprint CASCADE"); // with version 10's trigger on it

        try (WeldContainer container = Deployments.start(Map.of(), APPLICATION)) {
            assertThat(container.isRunning()).isTrue();
        }
    }

    @Test
    void create_makes_the_missing_table_with_its_indexes_and_the_store_uses_it() {
        Postgres.execute("DROP TABLE rebound_dead_letter");

        try (WeldContainer container = Deployments.start(Map.of("rebound.schema", "create"), APPLICATION)) {
            container.select(Payloads.DeadLetterBus.class).get().send(new Payloads.Ship("o-1"));
            DeadLetters deadLetters = container.select(DeadLetters.class).get();

            assertThat(deadLetters.count()).isEqualTo(1);
            assertThat(deadLetters.list(0, 1).get(0).body()).isEqualTo("{\"orderId\":\"o-1\"}");
        }
        assertThat(Postgres.count("SELECT count(*) FROM pg_indexes WHERE schemaname = 'public' "
                + "AND tablename = 'rebound_dead_letter' AND indexname LIKE 'rebound_dead_letter_page%'")).isEqualTo(6);
    }

    @Test
    void create_leaves_an_existing_table_and_its_rows() {
        Postgres.execute("INSERT INTO rebound_dead_letter (id, message_id, attempts, failed_at, last_failed_at) "
                + "VALUES ('k', 'm', 1, 0, 0)");

        try (WeldContainer container = Deployments.start(Map.of("rebound.schema", "create"), APPLICATION)) {
            assertThat(container.isRunning()).isTrue();
        }
        assertThat(Postgres.count("SELECT count(*) FROM rebound_dead_letter")).isEqualTo(1);
    }

    @Test
    void create_upgrades_a_first_version_table_at_start_and_the_store_reads_its_rows() {
        UUID message = UUID.randomUUID();
        Postgres.execute("DROP TABLE rebound_dead_letter");
        Postgres.execute(Postgres.script(ReboundSchema.migration("postgresql", 1)));
        Postgres.execute("INSERT INTO rebound_dead_letter (message_id, body, handler, attempts, failed_at, "
                + "last_failed_at) VALUES ('" + message + "', '{\"orderId\":\"o-0\"}', 'a.Shipping#ship', 2, 0, 0)");

        try (WeldContainer container = Deployments.start(Map.of("rebound.schema", "create"), APPLICATION)) {
            DeadLetters deadLetters = container.select(DeadLetters.class).get();

            assertThat(deadLetters.count()).isEqualTo(1);
            assertThat(deadLetters.list(0, 1).get(0).body()).isEqualTo("{\"orderId\":\"o-0\"}");
        }
        assertThat(Postgres.count("SELECT count(*) FROM rebound_dead_letter WHERE id = '"
                + DeadLetterIds.of(message, "a.Shipping#ship") + "'")).isEqualTo(1);
    }

    @Test
    void create_fails_the_start_naming_a_column_dropped_from_a_table_at_the_last_version() {
        Postgres.execute("ALTER TABLE rebound_dead_letter DROP COLUMN fingerprint CASCADE"); // with version 10's trigger on it

        String failure = Deployments.messages(Deployments.failure(Map.of("rebound.schema", "create"), APPLICATION));

        assertThat(failure).contains("REBOUND-2091: rebound.schema=create:",
                "lacks column rebound_dead_letter.fingerprint after the shipped migrations ran");
    }

    @Test
    void a_value_that_is_not_a_setting_fails_deployment() {
        String failure = Deployments.messages(Deployments.failure(Map.of("rebound.schema", "update"), APPLICATION));

        assertThat(failure).contains("REBOUND-2090", "rebound.schema=update", "none, validate or create");
    }
}
