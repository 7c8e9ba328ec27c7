package dev.rebound.jms.scenarios.noid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.DeadLetters;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Messages without a JMS message id (a producer with {@code setDisableMessageID(true)}, some bridges) on a channel
 * with two consumers: each failed message's own outcome is carried out, never another's.
 */
@ReboundTest(beans = {Tasks.class}, config = "rebound.channel.tasks.concurrent-consumers=2",
        profile = AsyncDeployments.Async.class)
class MessagesWithoutJmsIdTest {

    static {
        Broker.purge("tasks");
    }

    @Inject
    Tasks tasks;
    @Inject
    DeadLetters deadLetters;

    @Test
    void each_message_without_a_jms_id_gets_its_own_retry_and_is_handled_once() {
        // both consumers attached, so that the broker hands the messages to both
        await().atMost(Duration.ofSeconds(30)).until(() -> Broker.consumers("tasks") == 2);
        for (int i = 0; i < 40; i++) {
            UUID id = UUID.randomUUID();
            String jmsId = Broker.sendWithoutMessageId("tasks", "{\"id\":\"t-" + i + "\"}", Map.of(
                    "rebound_messageId", id.toString(), "rebound_correlationId", id.toString(),
                    "rebound_timestamp", "2026-01-01T00:00:00Z", "rebound_payloadType", Tasks.Task.class.getName()));
            assertThat(jmsId).isNull();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> tasks.done().size() == 40);
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("tasks") == 0);
        assertThat(tasks.done().values()).extracting(AtomicInteger::get).containsOnly(1);
        assertThat(deadLetters.count()).isZero();
        assertThat(tasks.threads()).hasSize(2);
    }
}
