package dev.rebound.scenarios.operating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.BulkReplay;
import dev.rebound.DeadLetter;
import dev.rebound.DeadLetterFilter;
import dev.rebound.DeadLetters;
import dev.rebound.ReplayOptions;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bulk replays in the background: snapshot cut-off, rate, canary, cancel. */
@ReboundTest(beans = {Ops.OpsBus.class, Ops.Handlers.class})
class BulkReplayTest {

    @Inject
    Ops.OpsBus bus;
    @Inject
    Ops.Handlers handlers;
    @Inject
    DeadLetters deadLetters;

    private BulkReplay finished(UUID id) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.bulkReplay(id).orElseThrow(),
                replay -> replay.state().finished());
    }

    private void fail(int count) {
        for (int i = 0; i < count; i++) {
            bus.send(new Ops.Ship("o-" + i));
        }
    }

    @Test
    void replays_only_what_had_failed_when_it_was_requested() throws Exception {
        fail(3);
        handlers.heal();
        BulkReplay started = deadLetters.replayInBackground(DeadLetterFilter.all(), new ReplayOptions(4, false));
        Thread.sleep(2); // the late failure below must be later than the cut-off, at millisecond resolution
        bus.send(new Ops.Ship("poison-late"));

        BulkReplay done = finished(started.id());
        assertThat(done.state()).isEqualTo(BulkReplay.State.COMPLETED);
        assertThat(done.total()).isEqualTo(3);
        assertThat(done.handled()).isEqualTo(3);
        assertThat(done.failed()).isZero();
        assertThat(handlers.shipped()).isEqualTo(3);
        DeadLetter late = deadLetters.list(0, 10).get(0);
        assertThat(late.payload()).isEqualTo(new Ops.Ship("poison-late"));
        assertThat(late.attempts()).as("not replayed").isEqualTo(1);
        assertThat(deadLetters.count()).isEqualTo(1);
    }

    @Test
    void runs_no_faster_than_its_rate() {
        fail(5);
        handlers.heal();
        BulkReplay done = finished(deadLetters.replayInBackground(DeadLetterFilter.all(), new ReplayOptions(5, false))
                .id());

        assertThat(done.handled()).isEqualTo(5);
        assertThat(Duration.between(done.startedAt(), done.finishedAt())).as("5 messages at 5 per second")
                .isGreaterThanOrEqualTo(Duration.ofMillis(800));
    }

    @Test
    void a_canary_that_fails_again_stops_the_replay_before_any_other_message() {
        fail(3);
        BulkReplay done = finished(deadLetters.replayInBackground(DeadLetterFilter.all(), new ReplayOptions(100, true))
                .id());

        assertThat(done.state()).isEqualTo(BulkReplay.State.CANARY_FAILED);
        assertThat(done.error()).contains("REBOUND-4006");
        assertThat(done.failed()).isEqualTo(1);
        assertThat(done.handled()).isZero();
        assertThat(deadLetters.list(0, 10)).extracting(DeadLetter::attempts).containsExactly(2, 1, 1);
    }

    @Test
    void a_canary_that_passes_lets_the_rest_follow_and_failures_after_it_are_counted() {
        fail(3);
        handlers.heal();
        bus.send(new Ops.Ship("poison-1"));
        BulkReplay done = finished(deadLetters.replayInBackground(DeadLetterFilter.all(), new ReplayOptions(100, true))
                .id());

        assertThat(done.state()).isEqualTo(BulkReplay.State.COMPLETED);
        assertThat(done.handled()).isEqualTo(3);
        assertThat(done.failed()).isEqualTo(1);
        assertThat(deadLetters.count()).isEqualTo(1);
    }

    @Test
    void a_group_replay_leaves_other_groups_alone_and_cancel_stops_it() {
        fail(4);
        bus.send(new Ops.Bill("b-1"));
        handlers.heal();
        String ships = deadLetters.groups(DeadLetterFilter.all()).get(0).fingerprint();
        BulkReplay started = deadLetters.replayInBackground(DeadLetterFilter.all().withFingerprint(ships),
                new ReplayOptions(1, false));
        await().atMost(Duration.ofSeconds(10)).until(() -> handlers.shipped() >= 1);
        assertThat(deadLetters.cancelBulkReplay(started.id())).isTrue();

        BulkReplay done = finished(started.id());
        assertThat(done.state()).isEqualTo(BulkReplay.State.CANCELLED);
        assertThat(done.total()).isEqualTo(4);
        assertThat(done.handled()).isBetween(1L, 3L);
        assertThat(deadLetters.count(DeadLetterFilter.all().withFingerprint(ships))).isEqualTo(4 - done.handled());
        assertThat(deadLetters.count()).isEqualTo(5 - done.handled());
        assertThat(deadLetters.bulkReplays()).extracting(BulkReplay::id).contains(started.id());
        assertThat(deadLetters.cancelBulkReplay(started.id())).as("already finished").isFalse();
    }
}
