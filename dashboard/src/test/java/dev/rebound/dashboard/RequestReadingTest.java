package dev.rebound.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.DeadLetter;
import dev.rebound.DeadLetterFilter;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How the dashboard reads its settings and requests, and what it shows of a stored failure. */
class RequestReadingTest {

    private static DashboardSettings settings(Map<String, String> config) {
        return DashboardSettings.read(key -> Optional.ofNullable(config.get(key)));
    }

    @Test
    void the_dashboard_is_off_with_default_roles_unless_configured() {
        assertThat(settings(Map.of())).isEqualTo(new DashboardSettings(false, "rebound-viewer", "rebound-admin", 10));
        assertThat(settings(Map.of("rebound.dashboard.enabled", " true ", "rebound.dashboard.admin-role", "ops",
                "rebound.dashboard.replay-rate", "50")))
                .isEqualTo(new DashboardSettings(true, "rebound-viewer", "ops", 50));
        assertThatThrownBy(() -> settings(Map.of("rebound.dashboard.replay-rate", "fast")))
                .hasMessageContaining("REBOUND-4101").hasMessageContaining("replay-rate=fast");
        assertThatThrownBy(() -> settings(Map.of("rebound.dashboard.replay-rate", "0")))
                .hasMessageContaining("REBOUND-4101");
    }

    @Test
    void a_bulk_change_needs_a_criterion_or_an_explicit_all() {
        Views.Selection empty = new Views.Selection(" ", null, "", null, null, null, null, null, null);
        assertThatThrownBy(() -> Filters.bulk(empty)).hasMessageContaining("REBOUND-4105");
        Views.Selection all = new Views.Selection(null, null, null, null, null, null, true, null, null);
        assertThat(Filters.bulk(all)).isEqualTo(DeadLetterFilter.all());
        Views.Selection group = new Views.Selection(null, null, null, "abc", null, null, null, 5, true);
        assertThat(Filters.bulk(group)).isEqualTo(DeadLetterFilter.all().withFingerprint("abc"));
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
        DeadLetter letter = new DeadLetter(UUID.randomUUID(), null, "T", "{}", null,
                "jakarta.transaction.RollbackException", "commit failed", "java.net.ConnectException", null, trace,
                "H#m", "o", 1, Instant.EPOCH, Instant.EPOCH, null);
        assertThat(Views.chain(letter)).containsExactly(
                new Views.Cause("jakarta.transaction.RollbackException", "commit failed"),
                new Views.Cause("java.lang.IllegalStateException", "carrier unavailable"),
                new Views.Cause("java.net.ConnectException", null));

        DeadLetter cut = new DeadLetter(UUID.randomUUID(), null, "T", "{}", null, "E", "m", "R", "root", "E: m\n",
                "H#m", "o", 1, Instant.EPOCH, Instant.EPOCH, null);
        assertThat(Views.chain(cut)).as("a trace cut short still ends with the stored root cause")
                .containsExactly(new Views.Cause("E", "m"), new Views.Cause("R", "root"));
    }
}
