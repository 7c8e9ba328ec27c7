package dev.rebound.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.Consumers;
import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.contract.ContractHandlers.Delay;
import dev.rebound.contract.ContractHandlers.Deliver;
import dev.rebound.contract.ContractHandlers.Forward;
import dev.rebound.contract.ContractHandlers.Ignore;
import dev.rebound.contract.ContractHandlers.Release;
import dev.rebound.contract.ContractHandlers.Resend;
import dev.rebound.contract.ContractHandlers.ResendForever;
import dev.rebound.contract.ContractHandlers.Restart;
import dev.rebound.contract.ContractHandlers.Stop;
import dev.rebound.spi.ChannelStatus;
import dev.rebound.testsupport.Postgres;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every transport does, end to end through Rebound (Weld with the extension, a gateway, asynchronous
 * handlers, the JPA dead letter on PostgreSQL): a transport's tests extend this class and say how to deploy
 * Rebound on it and how to look at its queues. Each scenario has a channel of its own ({@link ContractHandlers}).
 */
public abstract class TransportContract {

    /** The channels of the scenarios. */
    protected static final List<String> CHANNELS = List.of("contract-deliver", "contract-delay", "contract-forward",
            "contract-ignore", "contract-resend", "contract-resend-forever", "contract-release", "contract-stop",
            "contract-restart", "contract-poison");
    private static final long RESEND_DELAY_MS = 200;
    private static final int MAX_RESENDS = 2;
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private WeldContainer container;
    private CommandBus commands;
    private ContractHandlers handlers;
    private DeadLetters deadLetters;
    private Consumers consumers;
    private final String id = UUID.randomUUID().toString();

    /**
     * Rebound on the transport under test: a Weld with the extension, the classes and the configuration, plus what
     * the transport needs (its resources, its settings with short pauses for tests).
     */
    protected abstract Weld deployment(Map<String, String> config, Class<?>... classes);

    /** The transport's settings of the final failure strategy {@code RESEND}: its first delay and its limit. */
    protected abstract Map<String, String> resendSettings(long firstDelayMs, int maxResends);

    /** How many messages are on the channel's queue: waiting, delayed and in flight. */
    protected abstract long depth(String channel);

    /** Puts a text on the channel's queue as a foreign producer would, without Rebound's headers. */
    protected abstract void sendUnreadable(String channel, String body);

    /** Empties the channel's queue before a scenario (a durable broker keeps what an earlier run left). */
    protected void purge(String channel) {
    }

    @BeforeEach
    void deploy() {
        CHANNELS.forEach(this::purge);
        Postgres.execute("DELETE FROM rebound_dead_letter");
        Map<String, String> config = new HashMap<>(resendSettings(RESEND_DELAY_MS, MAX_RESENDS));
        config.put("rebound.channel.contract-ignore.final-failure-strategy", "IGNORE");
        config.put("rebound.channel.contract-resend.final-failure-strategy", "RESEND");
        config.put("rebound.channel.contract-resend-forever.final-failure-strategy", "RESEND");
        config.put("rebound.channel.contract-release.final-failure-strategy", "RELEASE");
        config.put("rebound.channel.contract-stop.final-failure-strategy", "STOP");
        container = deployment(config, ContractHandlers.class).initialize();
        commands = container.select(CommandBus.class).get();
        handlers = container.select(ContractHandlers.class).get();
        deadLetters = container.select(DeadLetters.class).get();
        consumers = container.select(Consumers.class).get();
    }

    @AfterEach
    void undeploy() {
        if (container != null) {
            container.close();
        }
    }

    @Test
    void a_sent_command_is_handled_once_and_leaves_the_queue() {
        commands.send(new Deliver(id));

        await().atMost(DEADLINE).until(() -> handlers.calls("deliver", id) == 1 && depth("contract-deliver") == 0);
        await().during(Duration.ofMillis(500)).atMost(DEADLINE).until(() -> handlers.calls("deliver", id) == 1);
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void a_delayed_retry_is_not_delivered_before_its_delay() {
        commands.send(new Delay(id));

        await().atMost(DEADLINE).until(() -> handlers.calls("delay", id) == 2 && depth("contract-delay") == 0);
        List<Long> at = handlers.times("delay", id);
        assertThat((at.get(1) - at.get(0)) / 1_000_000).isGreaterThanOrEqualTo(ContractHandlers.RETRY_DELAY_MS);
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void the_forward_of_a_retry_and_the_removal_of_the_original_happen_together() {
        List<String> ids = IntStream.range(0, 5).mapToObj(i -> id + "-" + i).toList();
        ids.forEach(each -> commands.send(new Forward(each)));

        await().atMost(DEADLINE).until(() -> ids.stream().allMatch(each -> handlers.calls("forward", each) == 2)
                && depth("contract-forward") == 0);
        // no duplicate shows up later, none is lost, none went to the dead letter
        await().during(Duration.ofMillis(1000)).atMost(DEADLINE).until(() ->
                ids.stream().allMatch(each -> handlers.calls("forward", each) == 2));
        assertThat(depth("contract-forward")).isZero();
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void ignore_drops_the_failed_message_without_a_dead_letter() {
        commands.send(new Ignore(id));

        await().atMost(DEADLINE).until(() -> handlers.calls("ignore", id) == 1 && depth("contract-ignore") == 0);
        await().during(Duration.ofMillis(500)).atMost(DEADLINE).until(() -> handlers.calls("ignore", id) == 1);
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void resend_puts_the_failed_message_back_on_its_queue() {
        commands.send(new Resend(id));

        await().atMost(DEADLINE).until(() -> handlers.calls("resend", id) == 2 && depth("contract-resend") == 0);
        List<Long> at = handlers.times("resend", id);
        assertThat((at.get(1) - at.get(0)) / 1_000_000).isGreaterThanOrEqualTo(RESEND_DELAY_MS);
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void resend_stores_the_message_as_a_dead_letter_after_its_limit() {
        commands.send(new ResendForever(id));

        await().atMost(DEADLINE).until(() -> deadLetters.count() == 1);
        assertThat(handlers.calls("resend-forever", id)).isEqualTo(1 + MAX_RESENDS);
        DeadLetter letter = deadLetters.list(0, 1).get(0);
        assertThat(letter.failure().exceptionMessage()).contains("re-sent " + MAX_RESENDS + " times", "RESEND");
        assertThat(letter.channel()).isEqualTo("contract-resend-forever");
        await().atMost(DEADLINE).until(() -> depth("contract-resend-forever") == 0);
        assertThat(handlers.calls("resend-forever", id)).isEqualTo(1 + MAX_RESENDS);
    }

    @Test
    void release_gives_the_message_back_and_it_is_handled_again() {
        commands.send(new Release(id));

        await().atMost(DEADLINE).until(() -> handlers.calls("release", id) == 2 && depth("contract-release") == 0);
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void stop_stops_the_channel_keeps_the_message_and_a_resume_handles_it() {
        commands.send(new Stop(id));

        await().atMost(DEADLINE).until(() ->
                consumers.status("contract-stop").state() == ChannelStatus.State.STOPPED);
        assertThat(consumers.status("contract-stop").reason()).contains("STOP", "IllegalStateException")
                .doesNotContain("failed on purpose");              // the exception's text is in the log only
        assertThat(handlers.calls("stop", id)).isEqualTo(1);
        await().atMost(DEADLINE).until(() -> depth("contract-stop") == 1);

        consumers.resumeAll();

        await().atMost(DEADLINE).until(() -> handlers.calls("stop", id) == 2 && depth("contract-stop") == 0);
        assertThat(consumers.status("contract-stop").state()).isEqualTo(ChannelStatus.State.CONSUMING);
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void an_unreadable_message_becomes_a_dead_letter_with_its_raw_body() {
        sendUnreadable("contract-poison", "this is not json {");

        await().atMost(DEADLINE).until(() -> deadLetters.count() == 1);
        DeadLetter letter = deadLetters.list(0, 1).get(0);
        assertThat(letter.body()).isEqualTo("this is not json {");
        assertThat(letter.channel()).isEqualTo("contract-poison");
        assertThat(letter.note()).isNotBlank();
        await().atMost(DEADLINE).until(() -> depth("contract-poison") == 0);
        assertThat(handlers.calls("poison", id)).isZero();
    }

    @Test
    void messages_sent_while_paused_wait_and_are_handled_after_resume() {
        consumers.pauseAll();
        List<String> ids = IntStream.range(0, 3).mapToObj(i -> id + "-" + i).toList();
        ids.forEach(each -> commands.send(new Restart(each)));

        await().during(Duration.ofMillis(700)).atMost(DEADLINE).until(() -> depth("contract-restart") == 3
                && ids.stream().allMatch(each -> handlers.calls("restart", each) == 0));
        consumers.pauseAll();                 // stopping again does nothing: the queued messages stay
        assertThat(depth("contract-restart")).isEqualTo(3);

        consumers.resumeAll();

        await().atMost(DEADLINE).until(() -> ids.stream().allMatch(each -> handlers.calls("restart", each) == 1)
                && depth("contract-restart") == 0);
    }

    @Test
    void a_paused_channel_keeps_its_messages_on_the_queue_while_the_others_consume() {
        consumers.pause("contract-restart");
        List<String> ids = IntStream.range(0, 3).mapToObj(i -> id + "-" + i).toList();
        ids.forEach(each -> commands.send(new Restart(each)));
        commands.send(new Deliver(id));

        await().atMost(DEADLINE).until(() -> handlers.calls("deliver", id) == 1 && depth("contract-deliver") == 0);
        await().during(Duration.ofMillis(700)).atMost(DEADLINE).until(() -> depth("contract-restart") == 3
                && ids.stream().allMatch(each -> handlers.calls("restart", each) == 0));
        assertThat(consumers.status("contract-restart").state()).isEqualTo(ChannelStatus.State.PAUSED);
        assertThat(consumers.status("contract-deliver").state()).isEqualTo(ChannelStatus.State.CONSUMING);
        consumers.pause("contract-restart");        // pausing again does nothing: the queued messages stay
        assertThat(depth("contract-restart")).isEqualTo(3);

        consumers.resume("contract-restart");

        await().atMost(DEADLINE).until(() -> ids.stream().allMatch(each -> handlers.calls("restart", each) == 1)
                && depth("contract-restart") == 0);
        assertThat(consumers.status("contract-restart").state()).isEqualTo(ChannelStatus.State.CONSUMING);
        consumers.resume("contract-deliver");       // a consuming channel keeps its consumers
        assertThat(consumers.status("contract-deliver").live()).isEqualTo(consumers.status("contract-deliver")
                .configured());
    }

    @Test
    void the_consumers_list_every_asynchronous_channel_and_refuse_an_unknown_one() {
        assertThat(consumers.channels()).containsAll(CHANNELS);
        assertThat(consumers.status()).extracting(ChannelStatus::channel).containsAll(CHANNELS);

        for (Runnable call : List.<Runnable>of(() -> consumers.pause("no-such-channel"),
                () -> consumers.resume("no-such-channel"), () -> consumers.status("no-such-channel"))) {
            assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("REBOUND-2070").hasMessageContaining("'no-such-channel'")
                    .hasMessageContaining("contract-deliver");
        }
    }
}
