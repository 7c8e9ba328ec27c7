package dev.rebound.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.DeadLetter;
import dev.rebound.Failure;
import dev.rebound.DeadLetterFilter;
import dev.rebound.ReplayOptions;
import dev.rebound.ReplayTarget;
import dev.rebound.MessageHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** How the dashboard reads its settings and requests, and what it shows of a stored failure. */
class RequestReadingTest {

    private static DashboardSettings settings(Map<String, String> config) {
        return DashboardSettings.read(key -> Optional.ofNullable(config.get(key)));
    }

    @Test
    void the_dashboard_is_off_with_default_roles_unless_configured() {
        assertThat(settings(Map.of())).isEqualTo(new DashboardSettings(false, "rebound-viewer", "rebound-admin", 10,
                Duration.ofSeconds(5)));
        assertThat(settings(Map.of("rebound.dashboard.enabled", " true ", "rebound.dashboard.admin-role", "ops",
                "rebound.dashboard.replay-rate", "50")))
                .isEqualTo(new DashboardSettings(true, "rebound-viewer", "ops", 50, Duration.ofSeconds(5)));
        assertThatThrownBy(() -> settings(Map.of("rebound.dashboard.replay-rate", "fast")))
                .hasMessageContaining("REBOUND-4101").hasMessageContaining("replay-rate=fast");
        assertThatThrownBy(() -> settings(Map.of("rebound.dashboard.replay-rate", "0")))
                .hasMessageContaining("REBOUND-4101");
    }

    @Test
    void the_readiness_grace_period_is_five_seconds_unless_configured() {
        assertThat(settings(Map.of()).reconnectGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings(Map.of("rebound.health.reconnect-grace-ms", " 250 ")).reconnectGrace())
                .isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> settings(Map.of("rebound.health.reconnect-grace-ms", "soon")))
                .hasMessageContaining("REBOUND-4120").hasMessageContaining("rebound.health.reconnect-grace-ms=soon");
        assertThatThrownBy(() -> settings(Map.of("rebound.health.reconnect-grace-ms", "-1")))
                .hasMessageContaining("REBOUND-4120");
    }

    @Test
    void a_bulk_change_needs_a_criterion_or_an_explicit_all() {
        Views.Selection empty = new Views.Selection(" ", null, "", null, null, null, null, null, null, null);
        assertThatThrownBy(() -> Filters.bulk(empty)).hasMessageContaining("REBOUND-4105");
        Views.Selection all = new Views.Selection(null, null, null, null, null, null, true, null, null, null);
        assertThat(Filters.bulk(all)).isEqualTo(DeadLetterFilter.all());
        Views.Selection group = new Views.Selection(null, null, null, "abc", null, null, null, 5, true, null);
        assertThat(Filters.bulk(group)).isEqualTo(DeadLetterFilter.all().withFingerprint("abc"));
    }

    @Test
    void a_bulk_replay_runs_the_handlers_unless_asked_to_put_the_messages_back_on_their_queues() {
        Views.Selection plain = new Views.Selection(null, null, null, "abc", null, null, null, null, true, null);
        assertThat(Filters.replayOptions(plain, 10))
                .isEqualTo(new ReplayOptions(10, true, ReplayTarget.HANDLER));
        Views.Selection queued = new Views.Selection(null, null, null, "abc", null, null, null, 50, null, true);
        assertThat(Filters.replayOptions(queued, 10)).isEqualTo(new ReplayOptions(50, false).toQueue());
    }

    @Test
    void times_are_iso_instants_and_a_bad_one_is_named() {
        assertThat(Filters.of("orders", "", null, null, "2026-01-31T12:00:00Z", null))
                .isEqualTo(DeadLetterFilter.all().withChannel("orders").withFrom(Instant.parse("2026-01-31T12:00:00Z")));
        assertThatThrownBy(() -> Filters.of(null, null, null, null, null, "yesterday"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("REBOUND-4106")
                .hasMessageContaining("to=yesterday");
    }

    @Test
    void the_exception_chain_is_read_from_the_stored_stack_trace_down_to_the_root_cause() {
        String trace = """
                jakarta.transaction.RollbackException: commit failed
                \tat com.example.Tx.commit(Tx.java:1)
                Caused by: java.lang.IllegalStateException: carrier unavailable
                \tat com.example.Shipping.ship(Shipping.java:9)
                Caused by: java.net.ConnectException
                \tat java.base/sun.nio.ch.Net.connect(Net.java:1)
                """;
        DeadLetter letter = letter(null, Map.of(), "jakarta.transaction.RollbackException", "commit failed",
                "java.net.ConnectException", null, trace);
        assertThat(Views.chain(letter)).containsExactly(
                new Views.Cause("jakarta.transaction.RollbackException", "commit failed"),
                new Views.Cause("java.lang.IllegalStateException", "carrier unavailable"),
                new Views.Cause("java.net.ConnectException", null));

        DeadLetter cut = letter(null, Map.of(), "E", "m", "R", "root", "E: m\n");
        assertThat(Views.chain(cut)).as("a trace cut short still ends with the stored root cause")
                .containsExactly(new Views.Cause("E", "m"), new Views.Cause("R", "root"));
    }

    private static DeadLetter letter(MessageHeaders headers, Map<String, String> properties, String exception,
                                     String message, String rootCause, String rootMessage, String trace) {
        UUID id = UUID.randomUUID();
        return new DeadLetter(id, id, null, "T", "{}", headers,
                new Failure(exception, message, rootCause, rootMessage, trace, null), "H#m", "o", 1, Instant.EPOCH,
                Instant.EPOCH, null, null, null, List.of(), properties);
    }

    @Test
    void a_message_that_could_not_be_read_shows_its_raw_properties_as_headers() {
        DeadLetter poison = letter(null, Map.of("rebound_payloadType", "com.example.Pay", "JMSXDeliveryCount", "1"),
                "dev.rebound.deadletter.DeadLetterChannel$PoisonMessage", "REBOUND-3003: no headers", null, null, null);
        assertThat(Views.Details.of(poison).headers())
                .containsEntry("rebound_payloadType", "com.example.Pay").containsEntry("JMSXDeliveryCount", "1");
        assertThat(Views.chain(poison)).extracting(Views.Cause::message).containsExactly("REBOUND-3003: no headers");
    }

    @Test
    void a_selection_of_ids_is_bounded_and_a_larger_one_is_refused_clearly() {
        List<UUID> most = Stream.generate(UUID::randomUUID).limit(AdminApi.MAX_SELECTION).toList();
        assertThat(AdminApi.ids(new Views.Ids(most))).hasSize(AdminApi.MAX_SELECTION);
        List<UUID> tooMany = Stream.generate(UUID::randomUUID).limit(AdminApi.MAX_SELECTION + 1).toList();
        assertThatThrownBy(() -> AdminApi.ids(new Views.Ids(tooMany))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("REBOUND-4111").hasMessageContaining("at most " + AdminApi.MAX_SELECTION)
                .hasMessageContaining("not " + (AdminApi.MAX_SELECTION + 1));
        assertThatThrownBy(() -> AdminApi.ids(new Views.Ids(List.of()))).hasMessageContaining("REBOUND-4107");
    }

    @Test
    void a_message_id_filter_is_a_uuid_and_a_bad_one_is_named() {
        UUID message = UUID.randomUUID();
        assertThat(Filters.of(null, null, null, null, null, null, message.toString()))
                .isEqualTo(DeadLetterFilter.all().withMessageId(message));
        assertThatThrownBy(() -> Filters.of(null, null, null, null, null, null, "m-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("REBOUND-4112")
                .hasMessageContaining("messageId=m-1");
    }
}
