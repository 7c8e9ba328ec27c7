package dev.rebound.jms.scenarios.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.Consumers;
import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.spi.ChannelStatus;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@ReboundTest(beans = {Jobs.class},
        config = {"rebound.channel.resend.final-failure-strategy=RESEND",
                "rebound.channel.release.final-failure-strategy=release",
                "rebound.channel.ignore.final-failure-strategy=IGNORE",
                "rebound.channel.resend-forever.final-failure-strategy=RESEND", "rebound.jms.resend-delay-ms=200",
                "rebound.jms.max-resends=2"},
        profile = AsyncDeployments.Async.class)
class FinalFailureStrategyTest {

    static {
        for (String queue : new String[] {"resend", "resend-forever", "release", "ignore", "stop"}) {
            Broker.purge(queue);
        }
    }

    @Inject
    Consumers consumers;

    @Inject
    CommandBus commands;
    @Inject
    Jobs jobs;
    @Inject
    DeadLetters deadLetters;

    @Test
    void resend_puts_the_message_back_on_its_queue() {
        commands.send(new Jobs.Resend("r"));
        await().atMost(Duration.ofSeconds(10)).until(() -> jobs.calls("resend") == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("resend") == 0);
    }

    @Test
    void resend_waits_longer_each_time_and_stores_the_message_as_a_dead_letter_after_max_resends() {
        commands.send(new Jobs.ResendForever("f"));

        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.count() == 1);
        assertThat(jobs.calls("resend-forever")).isEqualTo(3);             // the first attempt and two re-sends
        List<Long> at = jobs.times("resend-forever");
        assertThat((at.get(1) - at.get(0)) / 1_000_000).isGreaterThanOrEqualTo(200);
        assertThat((at.get(2) - at.get(1)) / 1_000_000).isGreaterThanOrEqualTo(400);
        DeadLetter letter = deadLetters.list(0, 1).get(0);
        assertThat(letter.failure().exceptionMessage()).contains("REBOUND-3022", "re-sent 2 times", "resend-forever failed");
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("resend-forever") == 0);
        assertThat(jobs.calls("resend-forever")).isEqualTo(3);
    }

    @Test
    void release_rolls_back_and_the_broker_redelivers() {
        commands.send(new Jobs.Release("r"));
        await().atMost(Duration.ofSeconds(10)).until(() -> jobs.calls("release") == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("release") == 0);
    }

    @Test
    void ignore_acknowledges_and_drops_the_message() {
        commands.send(new Jobs.Ignore("i"));
        await().atMost(Duration.ofSeconds(10)).until(() -> jobs.calls("ignore") == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("ignore") == 0);
        assertThat(Broker.depth("DLQ")).isZero();
    }

    @Test
    void stop_is_the_default_it_stops_the_consumer_and_keeps_the_message() {
        commands.send(new Jobs.Stop("s"));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> consumers.status("stop").state() == ChannelStatus.State.STOPPED);
        assertThat(consumers.status("stop").reason()).contains("failed with java.lang.IllegalStateException")
                .contains("STOP").doesNotContain("stop failed");   // the exception's text is in the log only
        assertThat(jobs.calls("stop")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.browse("stop") == 1);
        Broker.purge("stop");
    }
}
