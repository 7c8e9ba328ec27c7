package dev.rebound.scenarios.backoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.RetryTemplate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryTemplateTest {

    private static long[] delays(RetryTemplate template, int retries) {
        return IntStream.rangeClosed(1, retries).mapToLong(template::delayAfter).toArray();
    }

    @Test
    void fixed_back_off_keeps_the_delay() {
        assertThat(delays(RetryTemplate.fixedBackoff(250), 4)).containsExactly(250, 250, 250, 250);
    }

    @Test
    void exponential_back_off_multiplies_the_delay() {
        assertThat(delays(RetryTemplate.exponentialBackoff(1000, 10), 3)).containsExactly(1000, 10_000, 100_000);
    }

    @Test
    void max_delay_caps_the_exponential_sequence() {
        assertThat(delays(RetryTemplate.exponentialBackoffWithMaxDelay(100, 2, 500), 6))
                .containsExactly(100, 200, 400, 500, 500, 500);
    }

    @Test
    void retries_are_unlimited_until_a_maximum_is_set() {
        RetryTemplate unlimited = RetryTemplate.fixedBackoff(1);
        assertThat(unlimited.canRetry(1_000_000)).isTrue();
        RetryTemplate three = unlimited.maxRetries(3);
        assertThat(three.canRetry(3)).isTrue();
        assertThat(three.canRetry(4)).isFalse();
        assertThat(RetryTemplate.fixedBackoff(1).maxRetries(0).canRetry(1)).isFalse();
    }

    @Test
    void jitter_spreads_the_delay_within_its_fraction() {
        RetryTemplate jittered = RetryTemplate.fixedBackoff(1000).withJitter(0.2);
        assertThat(jittered.delayAfter(1, 0.0)).isEqualTo(800);
        assertThat(jittered.delayAfter(1, 0.5)).isEqualTo(1000);
        assertThat(jittered.delayAfter(1, 0.999_999)).isBetween(1199L, 1200L);
    }

    @Test
    void huge_exponents_do_not_overflow() {
        assertThat(RetryTemplate.exponentialBackoff(1000, 10).delayAfter(400)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void invalid_values_are_refused() {
        assertThatThrownBy(() -> RetryTemplate.exponentialBackoff(100, 0.5)).hasMessageContaining("multiplier");
        assertThatThrownBy(() -> RetryTemplate.fixedBackoff(-1)).hasMessageContaining("initialDelayMs");
        assertThatThrownBy(() -> RetryTemplate.fixedBackoff(1).withJitter(2)).hasMessageContaining("jitter");
        assertThatThrownBy(() -> RetryTemplate.fixedBackoff(1).maxRetries(-2)).hasMessageContaining("maxRetries");
    }
}
