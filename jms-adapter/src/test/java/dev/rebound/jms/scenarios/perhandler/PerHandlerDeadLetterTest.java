package dev.rebound.jms.scenarios.perhandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.DeadLetter;
import dev.rebound.DeadLetterFilter;
import dev.rebound.DeadLetters;
import dev.rebound.EventBus;
import dev.rebound.deadletter.DeadLetterIds;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Both asynchronous handlers of one event fail: the event has two dead letters (one per handler, same message
 * id), each with its own handler and error, and each replays only its own handler.
 */
@ReboundTest(beans = {Fanout.class}, profile = AsyncDeployments.Async.class)
class PerHandlerDeadLetterTest {

    static {
        Broker.purge("fanout");
    }

    @Inject
    EventBus events;
    @Inject
    Fanout fanout;
    @Inject
    DeadLetters deadLetters;

    @Test
    void each_failed_handler_of_an_event_leaves_its_own_dead_letter_and_replays_only_itself() {
        events.publish(new Fanout.OrderPlaced("o-1"));
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters.count() == 2);

        List<DeadLetter> letters = deadLetters.list(0, 10);
        UUID messageId = letters.get(0).messageId();
        assertThat(letters).allSatisfy(l -> assertThat(l.messageId()).isEqualTo(messageId));
        DeadLetter index = letters.stream().filter(l -> l.handler().endsWith("#index")).findFirst().orElseThrow();
        DeadLetter mail = letters.stream().filter(l -> l.handler().endsWith("#mail")).findFirst().orElseThrow();
        assertThat(index.id()).isEqualTo(DeadLetterIds.of(messageId, index.handler())).isNotEqualTo(mail.id());
        assertThat(index.failure().exceptionMessage()).isEqualTo("search down for o-1");
        assertThat(index.attempts()).isEqualTo(1);
        assertThat(mail.failure().exceptionClass()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(mail.attempts()).isEqualTo(1);
        assertThat(deadLetters.page(DeadLetterFilter.all().withMessageId(messageId), null, 10).items()).hasSize(2);

        fanout.heal();
        assertThat(deadLetters.replay(mail.id())).isTrue();
        assertThat(fanout.mailed()).isEqualTo(1);
        assertThat(fanout.indexed()).as("the other handler is not run by this replay").isZero();
        assertThat(deadLetters.show(index.id())).isPresent();

        assertThat(deadLetters.replay(index.id())).isTrue();
        assertThat(fanout.indexed()).isEqualTo(1);
        assertThat(fanout.mailed()).isEqualTo(1);
        assertThat(deadLetters.count()).isZero();
    }
}
