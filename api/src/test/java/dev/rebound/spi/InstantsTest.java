package dev.rebound.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InstantsTest {

    @Test
    void reads_what_instant_to_string_writes_as_instant_parse_does() {
        SplittableRandom random = new SplittableRandom(17);
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(0, max);
            int nanos = switch (i % 5) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            String text = instant.toString();
            assertThat(Instants.parse(text)).as(text).isEqualTo(instant).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void reads_fractions_of_any_length_and_other_forms_through_instant_parse() {
        for (String text : List.of("2026-12-04T01:02:03Z", "2026-12-04T01:02:03.4Z", "2026-12-04T01:02:03.45Z",
                "2026-12-04T01:02:03.456Z", "2026-12-04T01:02:03.4567Z", "2026-12-04T01:02:03.123456789Z",
                "1970-01-01T00:00:00Z", "2024-02-29T23:59:59.999999999Z", "2026-12-04T02:02:03+01:00",
                "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "2026-12-31T23:59:60Z")) {
            assertThat(Instants.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void refuses_what_instant_parse_refuses_with_its_exception_and_reads_what_it_reads() {
        for (String text : List.of("", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-12-04T24:00:00Z",
                "2026-12-04T01:61:00Z", "2026-12-04T01:02:03.Z", "2026-12-04T01:02:03.1234567890Z",
                "2026-12-04 01:02:03Z", "2026-12-04T01:02:03", "2026-1a-04T01:02:03Z", "not a time at all, 30 ch")) {
            Instant expected;
            try {
                expected = Instant.parse(text);
            } catch (DateTimeParseException refused) {
                assertThatThrownBy(() -> Instants.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
                continue;
            }
            assertThat(Instants.parse(text)).as(text).isEqualTo(expected);
        }
        assertThatThrownBy(() -> Instants.parse("2026-02-30T00:00:00Z")).isInstanceOf(DateTimeParseException.class);
    }
}
