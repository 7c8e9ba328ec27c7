package dev.rebound.database.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.BulkReplay;
import dev.rebound.DeadLetter;
import dev.rebound.DeadLetterFilter;
import dev.rebound.DeadLetters;
import dev.rebound.EventBus;
import dev.rebound.ReplayOptions;
import dev.rebound.ReplayTarget;
import dev.rebound.database.testing.DatabaseProfile;
import dev.rebound.database.testing.Tables;
import dev.rebound.testsupport.Jta;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A bulk replay to the queue: each dead letter's message goes back on its channel (here a database channel, whose
 * row is written in the transaction that removes the dead letter), addressed to the failed handler only, and the
 * channel's consumers run it.
 */
@ReboundTest(beans = {Parcels.Billing.class, Parcels.Tracking.class}, tables = "rebound_message",
        config = "rebound.channel.parcels.transport=database", profile = DatabaseProfile.class)
class ReplayToQueueTest {

    @Inject
    EventBus events;
    @Inject
    Parcels.Billing billing;
    @Inject
    Parcels.Tracking tracking;
    @Inject
    DeadLetters deadLetters;

    @Test
    void a_replay_to_the_queue_delivers_each_message_once_to_the_failed_handler_only_on_a_consumer() {
        List<String> parcels = List.of("p-1", "p-2", "p-3", "p-4", "p-5");
        parcels.forEach(parcel -> events.publish(new Parcels.Shipped(parcel)));
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.count() == 5
                && Tables.depth(Jta.dataSource(), "parcels") == 0);
        assertThat(billing.billed()).containsExactlyInAnyOrderElementsOf(parcels);
        assertThat(deadLetters.list(0, 5)).extracting(DeadLetter::handler).containsOnly(
                Parcels.Tracking.class.getName() + "#track");
        tracking.heal();

        BulkReplay started = deadLetters.replayInBackground(DeadLetterFilter.all(),
                new ReplayOptions(1_000, false).toQueue());
        BulkReplay done = await().atMost(Duration.ofSeconds(30)).until(
                () -> deadLetters.bulkReplay(started.id()).orElseThrow(), replay -> replay.state().finished());

        assertThat(done.options().target()).isEqualTo(ReplayTarget.QUEUE);
        assertThat(done.state()).isEqualTo(BulkReplay.State.COMPLETED);
        assertThat(done.handled()).as("put back on the queue").isEqualTo(5);
        assertThat(deadLetters.count()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> tracking.tracked().size() == 5
                && Tables.depth(Jta.dataSource(), "parcels") == 0);
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() ->
                tracking.tracked().size() == 5 && billing.billed().size() == 5);
        assertThat(tracking.tracked()).containsExactlyInAnyOrderElementsOf(parcels);
        assertThat(billing.billed()).as("the handler that had not failed does not run again")
                .containsExactlyInAnyOrderElementsOf(parcels);
        assertThat(tracking.threads()).as("run by the channel's consumers, not the replay's thread")
                .noneMatch(thread -> thread.startsWith("rebound-bulk-replay"));
    }
}
