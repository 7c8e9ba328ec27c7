package dev.rebound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    @Test
    void an_id_is_a_version_7_uuid_of_the_ietf_variant_carrying_the_time() {
        long before = System.currentTimeMillis();
        UUID id = MessageIds.next();
        long after = System.currentTimeMillis();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
        assertThat(UUID.fromString(id.toString())).isEqualTo(id);
    }

    @Test
    void an_id_made_at_an_instant_carries_its_millisecond_and_the_current_time_for_one_out_of_range() {
        Instant at = Instant.parse("2026-12-04T01:02:03.456789Z");
        UUID id = MessageIds.at(at);
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(at.toEpochMilli());
        assertThat(MessageHeaders.first(at, null, java.util.Map.of()).messageId()).satisfies(
                made -> assertThat(made.getMostSignificantBits() >>> 16).isEqualTo(at.toEpochMilli()));
        for (Instant outside : List.of(Instant.MIN, Instant.MAX, Instant.EPOCH.minusMillis(1))) {
            long before = System.currentTimeMillis();
            UUID fallback = MessageIds.at(outside);
            assertThat(fallback.getMostSignificantBits() >>> 16).isBetween(before, System.currentTimeMillis());
            assertThat(fallback.version()).isEqualTo(7);
        }
    }

    @Test
    void ids_of_later_milliseconds_sort_later_as_text_and_as_uuids() {
        List<UUID> ids = new ArrayList<>();
        for (long ms = 1_700_000_000_000L; ms < 1_700_000_000_000L + 50; ms++) {
            ids.add(MessageIds.of(ms, ThreadLocalRandom.current()));
        }
        List<String> texts = ids.stream().map(UUID::toString).toList();
        assertThat(texts).isSorted();
    }

    @Test
    void a_million_ids_made_by_eight_threads_at_once_are_all_different() {
        Set<UUID> ids = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 8).parallel().forEach(t -> {
            Set<UUID> mine = new HashSet<>();
            for (int i = 0; i < 125_000; i++) {
                mine.add(MessageIds.next());
            }
            ids.addAll(mine);
        });
        assertThat(ids).hasSize(1_000_000);
    }
}
