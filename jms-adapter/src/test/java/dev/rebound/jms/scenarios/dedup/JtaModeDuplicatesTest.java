package dev.rebound.jms.scenarios.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.DeadLetters;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.scenarios.dedup.Derby;
import dev.rebound.testsupport.Postgres;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@code rebound.jms.transactions=jta} (a server's mode, here stand-alone: Narayana, a connection factory that joins
 * the JTA transaction as a server's does, and the non-XA data source of the tests enlisted in the same transaction):
 * 1,000 copies of a webhook sent at once to two deduplicated consumers have exactly one business effect, on
 * PostgreSQL and on Derby. The build's other modes (xa, local) run {@link DeduplicatedConsumerTest}.
 */
class JtaModeDuplicatesTest {

    static void oneEffect(CommandBus commands, Webhooks webhooks, DeadLetters deadLetters, String payment,
                          ToLongFunction<String> count) throws Exception {
        Broker.purge("webhooks");
        Copies.sendAtOnceAndAwaitDuplicates(1_000,
                () -> commands.send(new Webhooks.Paid(payment), Map.of("paymentId", payment)));
        assertThat(count.applyAsLong("SELECT count(*) FROM orders WHERE product = '" + payment + "'")).isEqualTo(1);
        assertThat(webhooks.runs()).isEqualTo(1);
        assertThat(deadLetters.count()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> Broker.depth("webhooks") == 0);
        assertThat(count.applyAsLong("SELECT count(*) FROM rebound_dedup")).isEqualTo(1);
    }

    @Nested
    @ReboundTest(beans = {Webhooks.class, ManagedConnectionFactory.Resources.class},
            profile = AsyncDeployments.Async.class, tables = {"orders"}, config = {"rebound.jms.transactions=jta",
                    "rebound.channel.webhooks.concurrent-consumers=2"})
    class OnPostgresql {

        @Inject
        CommandBus commands;
        @Inject
        Webhooks webhooks;
        @Inject
        DeadLetters deadLetters;

        @Test
        void a_thousand_copies_sent_at_once_to_two_consumers_have_one_effect() throws Exception {
            oneEffect(commands, webhooks, deadLetters, "pay-jta-pg", Postgres::count);
        }
    }

    @Nested
    @ReboundTest(beans = {Webhooks.class, ManagedConnectionFactory.Resources.class, Derby.Resources.class},
            profile = AsyncDeployments.Async.class, config = {"rebound.jms.transactions=jta",
                    "rebound.channel.webhooks.concurrent-consumers=2"})
    class OnDerby {

        @Inject
        CommandBus commands;
        @Inject
        Webhooks webhooks;
        @Inject
        DeadLetters deadLetters;

        @Test
        void a_thousand_copies_sent_at_once_to_two_consumers_have_one_effect() throws Exception {
            Derby.execute("DELETE FROM orders");
            Derby.execute("DELETE FROM rebound_dedup");
            oneEffect(commands, webhooks, deadLetters, "pay-jta-derby", Derby::count);
        }
    }
}
