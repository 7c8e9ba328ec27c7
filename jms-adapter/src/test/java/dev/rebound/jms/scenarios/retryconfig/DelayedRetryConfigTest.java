package dev.rebound.jms.scenarios.retryconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.DeadLetter;
import dev.rebound.DeadLetterFilter;
import dev.rebound.DeadLetters;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code @DelayedRetry}'s members overridden with MicroProfile Config as {@code @InstantRetry}'s are: the method's key
 * wins over the class's, which wins over the global one; the effective value is what the handler lives through.
 */
@ReboundTest(beans = {Ledger.Postings.class, Ledger.Journal.class}, profile = AsyncDeployments.Async.class, config = {
        "dev.rebound.jms.scenarios.retryconfig.Ledger$Postings/post/DelayedRetry/maxRetries=1",
        "dev.rebound.jms.scenarios.retryconfig.Ledger$Postings/DelayedRetry/maxRetries=2",
        "DelayedRetry/maxRetries=0"})
class DelayedRetryConfigTest {

    static {
        Broker.purge("postings");
        Broker.purge("reversals");
        Broker.purge("bookings");
    }

    @Inject
    CommandBus commands;
    @Inject
    DeadLetters deadLetters;

    @BeforeEach
    void clear() {
        Ledger.ATTEMPTS.clear();
    }

    private DeadLetter deadLetterOf(String handler) {
        return deadLetters.page(DeadLetterFilter.all().withHandler(Ledger.class.getName() + "$" + handler), null, 1)
                .items().get(0);
    }

    @Test
    void the_most_specific_key_sets_the_retries_each_handler_gets_before_its_dead_letter() {
        commands.send(new Ledger.Post("p"));
        commands.send(new Ledger.Reverse("r"));
        commands.send(new Ledger.Book("b"));

        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters.count() == 3);
        assertThat(Ledger.ATTEMPTS).filteredOn(a -> a.startsWith("p/")).as("method key: 1 retry")
                .containsExactly("p/1", "p/2");
        assertThat(Ledger.ATTEMPTS).filteredOn(a -> a.startsWith("r/")).as("class key: 2 retries")
                .containsExactly("r/1", "r/2", "r/3");
        assertThat(Ledger.ATTEMPTS).filteredOn(a -> a.startsWith("b/")).as("global key: no retry")
                .containsExactly("b/1");
        assertThat(deadLetterOf("Postings#post").attempts()).isEqualTo(2);
        assertThat(deadLetterOf("Postings#reverse").attempts()).isEqualTo(3);
        assertThat(deadLetterOf("Journal#book").attempts()).isEqualTo(1);
    }
}
