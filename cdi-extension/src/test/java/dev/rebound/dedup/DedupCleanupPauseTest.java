package dev.rebound.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The cleanup's pause after a batch keeps deleting at its duty's share of the time. */
class DedupCleanupPauseTest {

    private static final long BATCH = TimeUnit.MILLISECONDS.toNanos(40);

    @Test
    void the_pause_makes_the_batch_the_dutys_share_of_batch_and_pause_together() {
        assertThat(DedupCleanup.pauseMillis(BATCH, 10)).isEqualTo(360);
        assertThat(DedupCleanup.pauseMillis(BATCH, 50)).isEqualTo(40);
        assertThat(DedupCleanup.pauseMillis(BATCH, 25)).isEqualTo(120);
        assertThat(DedupCleanup.pauseMillis(BATCH, 100)).isZero();
        assertThat(DedupCleanup.pauseMillis(BATCH, 1)).isEqualTo(3_960);
        assertThat(DedupCleanup.pauseMillis(TimeUnit.SECONDS.toNanos(1), 10)).as("capped only when sleeping")
                .isEqualTo(9_000);
    }

    @Test
    void a_duty_outside_one_to_a_hundred_percent_is_refused() {
        assertThatThrownBy(() -> new DedupCleanup(null, null, Clock::systemUTC, Duration.ofDays(7),
                Duration.ofMinutes(1), 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 %");
        assertThatThrownBy(() -> new DedupCleanup(null, null, Clock::systemUTC, Duration.ofDays(7),
                Duration.ofMinutes(1), 101)).isInstanceOf(IllegalArgumentException.class);
    }
}
