package dev.rebound.jms.scenarios.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.Consumers;
import dev.rebound.spi.ChannelStatus;
import dev.rebound.spi.ChannelStatus.State;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.LogRecords;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consumers' status says what they really do: consuming, paused by the application, stopped by STOP,
 * reconnecting since a failure, restarted after an Error, or dead; with counts, and never an exception's text.
 */
@ReboundTest(beans = {Sensors.class, BrokenObserver.class},
        config = "rebound.channel." + Sensors.STEADY + ".concurrent-consumers=2",
        profile = AsyncDeployments.Async.class)
class ConsumerStatusTest {

    @Inject
    Consumers consumers;

    @Inject
    CommandBus commands;
    @Inject
    Sensors sensors;

    private LogRecords log;

    static {
        purge();
    }

    /** Before the consumers of the next test start: a message left on the queue would reach them first. */
    private static void purge() {
        for (String queue : new String[] {Sensors.STEADY, Sensors.STOP, Sensors.RESTART, Sensors.FATAL}) {
            Broker.purge(queue);
        }
    }

    @BeforeEach
    void listen() {
        log = LogRecords.of("dev.rebound.jms.ConsumerGroup");
    }

    @AfterEach
    void release() {
        log.close();
        Broker.reopen();
        purge();
    }

    private ChannelStatus status(String channel) {
        return consumers.status(channel);
    }

    private ChannelStatus awaitState(String channel, State state) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> status(channel), s -> s.state() == state);
    }

    @Test
    void paused_consumers_are_reported_paused_until_resumed() {
        ChannelStatus consuming = awaitState(Sensors.STEADY, State.CONSUMING);
        assertThat(consuming.configured()).isEqualTo(2);
        assertThat(consuming.live()).isEqualTo(2);
        assertThat(consuming.since()).isNull();

        Instant before = Instant.now();
        consumers.pauseAll();
        ChannelStatus paused = status(Sensors.STEADY);
        assertThat(paused.state()).isEqualTo(State.PAUSED);
        assertThat(paused.live()).isZero();
        assertThat(paused.configured()).isEqualTo(2);
        assertThat(paused.since()).isAfterOrEqualTo(before);
        assertThat(consumers.status()).extracting(ChannelStatus::state).containsOnly(State.PAUSED);

        consumers.resumeAll();
        assertThat(awaitState(Sensors.STEADY, State.CONSUMING).live()).isEqualTo(2);
        commands.send(new Sensors.Reading("r-1"));
        await().atMost(Duration.ofSeconds(10)).until(() -> sensors.handled().contains("r-1"));
    }

    @Test
    void pausing_one_channel_leaves_its_messages_on_the_queue_while_the_other_channels_consume() {
        awaitState(Sensors.STEADY, State.CONSUMING);
        awaitState(Sensors.RESTART, State.CONSUMING);

        consumers.pause(Sensors.STEADY);

        assertThat(status(Sensors.STEADY).state()).isEqualTo(State.PAUSED);
        assertThat(status(Sensors.STEADY).live()).isZero();
        assertThat(status(Sensors.RESTART).state()).isEqualTo(State.CONSUMING);
        await().atMost(Duration.ofSeconds(10)).until(() -> Broker.consumers(Sensors.STEADY) == 0);
        assertThat(Broker.consumers(Sensors.RESTART)).isPositive();
        commands.send(new Sensors.Reading("r-paused"));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10))
                .until(() -> Broker.depth(Sensors.STEADY) == 1 && !sensors.handled().contains("r-paused"));
        consumers.pause(Sensors.STEADY);            // pausing again changes nothing
        assertThat(Broker.depth(Sensors.STEADY)).isEqualTo(1);

        consumers.resume(Sensors.STEADY);

        assertThat(awaitState(Sensors.STEADY, State.CONSUMING).live()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> sensors.handled().contains("r-paused"));
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth(Sensors.STEADY) == 0);
        consumers.resume(Sensors.STEADY);           // a consuming channel keeps its consumers: no second set
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> Broker.consumers(Sensors.STEADY) == 2);
    }

    @Test
    void an_unknown_channel_is_refused_naming_the_asynchronous_ones() {
        assertThat(consumers.channels()).contains(Sensors.STEADY, Sensors.STOP, Sensors.RESTART, Sensors.FATAL);
        assertThatThrownBy(() -> consumers.pause("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("REBOUND-2070").hasMessageContaining("'nope'")
                .hasMessageContaining(Sensors.STEADY);
        assertThatThrownBy(() -> consumers.resume("nope")).hasMessageStartingWith("REBOUND-2070");
        assertThatThrownBy(() -> consumers.status("nope")).hasMessageStartingWith("REBOUND-2070");
        assertThat(status(Sensors.STEADY).state()).isEqualTo(State.CONSUMING);
    }

    @Test
    void stop_strategy_is_reported_with_the_failed_message_and_the_exception_type_but_not_its_text() {
        awaitState(Sensors.STOP, State.CONSUMING);
        commands.send(new Sensors.Calibrate("c-1"));

        ChannelStatus stopped = awaitState(Sensors.STOP, State.STOPPED);
        assertThat(stopped.failure()).isEqualTo(new ChannelStatus.Failure(IllegalStateException.class.getName(),
                "REBOUND-3006"));
        assertThat(stopped.reason()).contains("failed with java.lang.IllegalStateException").contains("STOP")
                .doesNotContain(Sensors.SECRET);
        assertThat(stopped.toString()).doesNotContain(Sensors.SECRET);
        assertThat(status(Sensors.STEADY).state()).isEqualTo(State.CONSUMING);

        LogRecord logged = log.records(Level.SEVERE).stream()    // the text stays in the log
                .filter(r -> r.getMessage().startsWith("REBOUND-3006")).findFirst().orElseThrow();
        assertThat(logged.getMessage()).contains(Sensors.STOP);
        assertThat(logged.getThrown()).hasMessageContaining(Sensors.SECRET);
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.browse(Sensors.STOP) == 1);
    }

    /** An Error escaping the processing of a message used to end the thread: the channel lost its consumer. */
    @Test
    void consumer_hit_by_an_error_restarts_after_the_pause_and_handles_the_message() {
        awaitState(Sensors.RESTART, State.CONSUMING);
        commands.send(new Sensors.Count("n-1"));

        await().atMost(Duration.ofSeconds(15)).until(() -> sensors.handled().contains("n-1"));
        ChannelStatus restarted = awaitState(Sensors.RESTART, State.CONSUMING);
        assertThat(restarted.restarts()).isEqualTo(1);
        assertThat(restarted.live()).isEqualTo(1);
        assertThat(sensors.calls("n-1")).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth(Sensors.RESTART) == 0);
        assertThat(log.messages(Level.SEVERE)).anySatisfy(m -> assertThat(m).startsWith("REBOUND-3040")
                .contains("rebound-" + Sensors.RESTART + "-0").contains(Sensors.RESTART));
    }

    @Test
    void consumer_thread_that_dies_of_a_virtual_machine_error_is_reported_dead_and_its_message_stays() {
        awaitState(Sensors.FATAL, State.CONSUMING);
        commands.send(new Sensors.Measure("m-1"));

        ChannelStatus dead = awaitState(Sensors.FATAL, State.DEAD);
        assertThat(dead.failure()).isEqualTo(new ChannelStatus.Failure(InternalError.class.getName(),
                "REBOUND-3041"));
        assertThat(dead.configured()).isEqualTo(1);
        assertThat(dead.live()).isZero();
        assertThat(dead.since()).isNotNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> Broker.consumers(Sensors.FATAL) == 0
                && Broker.browse(Sensors.FATAL) == 1);
        assertThat(log.messages(Level.SEVERE)).anySatisfy(m -> assertThat(m).startsWith("REBOUND-3041")
                .contains("rebound-" + Sensors.FATAL + "-0"));
        assertThat(status(Sensors.STEADY).state()).isEqualTo(State.CONSUMING);
    }

    @Test
    void consumers_cut_off_from_the_broker_are_reconnecting_since_the_failure_and_consume_again_after_it() {
        awaitState(Sensors.STEADY, State.CONSUMING);
        Instant before = Instant.now();

        Broker.cutOff();
        ChannelStatus reconnecting = awaitState(Sensors.STEADY, State.RECONNECTING);
        assertThat(reconnecting.since()).isAfterOrEqualTo(before);
        assertThat(reconnecting.failure().code()).isEqualTo("REBOUND-3007");
        assertThat(reconnecting.failure().type()).isNotBlank();
        assertThat(reconnecting.live()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(Sensors.STEADY).reconnecting() == 2);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> status(Sensors.STEADY).since().equals(reconnecting.since()));

        Broker.reopen();
        awaitState(Sensors.STEADY, State.CONSUMING);
        commands.send(new Sensors.Reading("r-2"));
        await().atMost(Duration.ofSeconds(10)).until(() -> sensors.handled().contains("r-2"));
    }
}
