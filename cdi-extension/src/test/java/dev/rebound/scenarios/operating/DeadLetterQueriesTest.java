package dev.rebound.scenarios.operating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.DeadLetter;
import dev.rebound.DeadLetterCursor;
import dev.rebound.DeadLetterFilter;
import dev.rebound.DeadLetterPage;
import dev.rebound.DeadLetters;
import dev.rebound.FailedAttempt;
import dev.rebound.FailureGroup;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Filters, pages, failure groups and history of real failures, on PostgreSQL. */
@ReboundTest(beans = {Ops.OpsBus.class, Ops.Handlers.class})
class DeadLetterQueriesTest {

    @Inject
    Ops.OpsBus bus;
    @Inject
    Ops.Handlers handlers;
    @Inject
    DeadLetters deadLetters;

    private DeadLetter only(DeadLetterFilter filter) {
        List<DeadLetter> items = deadLetters.page(filter, null, 10).items();
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    @Test
    void failures_of_the_same_bug_share_a_group_named_by_exception_handler_and_application_frame() {
        bus.send(new Ops.Ship("o-1"));
        bus.send(new Ops.Ship("o-2"));
        bus.send(new Ops.Bill("o-1"));

        List<FailureGroup> groups = deadLetters.groups(DeadLetterFilter.all());
        assertThat(groups).hasSize(2);
        FailureGroup ships = groups.get(0);
        assertThat(ships.count()).isEqualTo(2);
        assertThat(ships.exceptionClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(ships.handler()).isEqualTo(Ops.Handlers.class.getName() + "#ship");
        assertThat(ships.failureSite()).isEqualTo(Ops.Handlers.class.getName() + ".ship");
        assertThat(groups.get(1).failureSite()).isEqualTo(Ops.Handlers.class.getName() + ".bill");

        assertThat(deadLetters.page(DeadLetterFilter.all().withFingerprint(ships.fingerprint()), null, 10).items())
                .extracting(l -> ((Ops.Ship) l.payload()).orderId()).containsExactlyInAnyOrder("o-1", "o-2");
        DeadLetter bill = only(DeadLetterFilter.all().withExceptionClass(IllegalArgumentException.class.getName()));
        assertThat(bill.fingerprint()).isEqualTo(groups.get(1).fingerprint());
        assertThat(bill.channel()).as("a synchronous entry point has no channel").isNull();
        assertThat(deadLetters.count(DeadLetterFilter.all().withHandler(Ops.Handlers.class.getName() + "#ship")))
                .isEqualTo(2);
    }

    @Test
    void pages_run_newest_first_and_end_with_no_next_cursor() {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add("o-" + i);
            bus.send(new Ops.Ship("o-" + i));
        }
        List<String> seen = new ArrayList<>();
        DeadLetterCursor cursor = null;
        int pages = 0;
        do {
            DeadLetterPage page = deadLetters.page(DeadLetterFilter.all(), cursor, 2);
            page.items().forEach(l -> seen.add(((Ops.Ship) l.payload()).orderId()));
            cursor = page.next() == null ? null : DeadLetterCursor.parse(page.next().token());
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(sent).hasSize(5);
        List<Instant> times = deadLetters.page(DeadLetterFilter.all(), null, 10).items().stream()
                .map(DeadLetter::failedAt).toList();
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void a_bad_cursor_or_page_size_is_refused_with_a_clear_message() {
        assertThatThrownBy(() -> DeadLetterCursor.parse("not-a-cursor"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("REBOUND-4001");
        assertThatThrownBy(() -> deadLetters.page(DeadLetterFilter.all(), null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("REBOUND-4007");
    }

    @Test
    void each_failed_replay_is_added_to_the_history_with_its_error() {
        bus.send(new Ops.Ship("o-1"));
        UUID id = only(DeadLetterFilter.all()).id();
        assertThat(deadLetters.replay(id)).isFalse();
        assertThat(deadLetters.replay(id)).isFalse();

        DeadLetter letter = deadLetters.show(id).orElseThrow();
        assertThat(letter.attempts()).isEqualTo(3);
        assertThat(letter.history()).hasSize(3).allSatisfy(attempt -> {
            assertThat(attempt.failure().exceptionClass()).isEqualTo(IllegalStateException.class.getName());
            assertThat(attempt.failure().exceptionMessage()).isEqualTo("carrier unavailable for o-1");
            assertThat(attempt.attempts()).isEqualTo(1);
        });
        assertThat(letter.history()).extracting(FailedAttempt::failedAt).isSorted();
        assertThat(letter.history().get(2).failedAt()).isEqualTo(letter.lastFailedAt());
    }

    @Test
    void delete_by_group_or_selection_removes_only_those() {
        bus.send(new Ops.Ship("o-1"));
        bus.send(new Ops.Ship("o-2"));
        bus.send(new Ops.Bill("b-1"));
        FailureGroup ships = deadLetters.groups(DeadLetterFilter.all()).get(0);

        assertThat(deadLetters.delete(DeadLetterFilter.all().withFingerprint(ships.fingerprint()))).isEqualTo(2);
        DeadLetter bill = only(DeadLetterFilter.all());
        assertThat(bill.payload()).isEqualTo(new Ops.Bill("b-1"));
        assertThat(deadLetters.delete(List.of(bill.id(), UUID.randomUUID()))).isEqualTo(1);
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void stats_count_dead_letters_per_channel() {
        bus.send(new Ops.Ship("o-1"));
        bus.send(new Ops.Bill("b-1"));
        var stats = deadLetters.stats();
        assertThat(stats.total()).isEqualTo(2);
        assertThat(stats.oldestFailure()).isBeforeOrEqualTo(Instant.now());
        assertThat(stats.channels()).singleElement().satisfies(c -> {
            assertThat(c.channel()).isNull();
            assertThat(c.count()).isEqualTo(2);
        });
    }
}
