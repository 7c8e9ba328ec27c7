package dev.rebound.jms.scenarios.interception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An interceptor bean sees every message a consumer takes off its queue: in the transport's open unit when the
 * consumer receives, handles and acknowledges in one JTA transaction (the default run), in a transaction of its own
 * otherwise (the local-transactions run). What it adds before the send reaches the handler; a delayed retry and the
 * final strategy are heard; the send and the call are told the channel's transport ({@code jms}).
 */
@ReboundTest(beans = {Packing.Packer.class, Packing.Tracer.class},
        config = "rebound.channel.packing.final-failure-strategy=IGNORE", profile = AsyncDeployments.Async.class)
class InterceptedConsumerTest {

    static {
        Broker.purge("packing");
    }

    @Inject
    CommandBus commands;

    private final String entry = AsyncDeployments.oneTransaction() ? "UNIT" : "CONSUMER";

    @BeforeEach
    void clean() {
        Packing.Tracer.events.clear();
    }

    @Test
    void a_consumed_message_is_intercepted_around_its_handler_with_what_was_added_before_the_send() {
        commands.send(new Packing.Pack("p-1", 0));

        await().atMost(Duration.ofSeconds(10)).until(() -> Packing.Tracer.events.size() == 3);
        assertThat(Packing.Tracer.events).containsExactly(
                "send packing on jms t-1",
                "handle " + entry + " packing on jms attempt 1 trace t-1",
                "handler p-1 trace t-1");
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("packing") == 0);
    }

    @Test
    void a_delayed_retry_is_sent_through_the_interceptor_and_the_final_strategy_is_heard_when_decided() {
        commands.send(new Packing.Pack("p-2", 5));

        await().atMost(Duration.ofSeconds(10)).until(() -> Packing.Tracer.events.size() == 8);
        // the delayed retry carries what the interceptor added to it (t-2), not the first send's metadata (t-1)
        assertThat(Packing.Tracer.events).containsExactly(
                "send packing on jms t-1",
                "handle " + entry + " packing on jms attempt 1 trace t-1",
                "handler p-2 trace t-1",
                "retried DELAYED packing",
                "send packing on jms t-2",
                "handle " + entry + " packing on jms attempt 2 trace t-2",
                "handler p-2 trace t-2",
                "final IGNORE packing tape ran out packing p-2");
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("packing") == 0);
    }
}
