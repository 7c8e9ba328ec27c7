package dev.rebound.jms.scenarios.requeue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rebound.BulkReplay;
import dev.rebound.CommandBus;
import dev.rebound.DeadLetterFilter;
import dev.rebound.DeadLetters;
import dev.rebound.ReplayOptions;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.Postgres;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A bulk replay to the queue ({@link ReplayOptions#toQueue()}) on JMS stand-alone XA: the batch's sends are an XA
 * branch of the transaction that removes the dead letters, so a database commit that fails after the sends (a
 * deferred constraint trigger refusing the first such commit) takes them back; the batch is then put back one by
 * one, and each message reaches its handler once.
 */
@ReboundTest(beans = {Mailer.class}, profile = AsyncDeployments.Async.class)
class ReplayToQueueOnJmsTest {

    static {
        Broker.purge("requeue-mail");
    }

    @Inject
    CommandBus commands;
    @Inject
    Mailer mailer;
    @Inject
    DeadLetters deadLetters;

    @AfterEach
    void dropTrigger() {
        Postgres.execute("DROP TRIGGER IF EXISTS fail_first_removal ON rebound_dead_letter");
    }

    @Test
    void a_removal_whose_commit_fails_after_the_sends_sends_nothing_and_each_message_is_handled_once() {
        assumeTrue(AsyncDeployments.oneTransaction(), "stand-alone xa: in local mode the sends are at-least-once");
        List<String> ids = IntStream.range(0, 3).mapToObj(i -> "m-" + i).toList();
        ids.forEach(id -> commands.send(new Mailer.Mail(id)));
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters.count() == 3);
        mailer.heal();
        // the first transaction removing dead letters fails at its commit, after its sends were handed to the broker
        Postgres.execute("DROP SEQUENCE IF EXISTS fail_first_removal_seq");
        Postgres.execute("CREATE SEQUENCE fail_first_removal_seq");
        Postgres.execute("CREATE OR REPLACE FUNCTION fail_first_removal() RETURNS trigger AS $$ BEGIN "
                + "IF nextval('fail_first_removal_seq') = 1 THEN RAISE EXCEPTION 'refused by the test at commit'; "
                + "END IF; RETURN OLD; END $$ LANGUAGE plpgsql");
        Postgres.execute("CREATE CONSTRAINT TRIGGER fail_first_removal AFTER DELETE ON rebound_dead_letter "
                + "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fail_first_removal()");

        BulkReplay started = deadLetters.replayInBackground(DeadLetterFilter.all(),
                new ReplayOptions(1000, false).toQueue());

        BulkReplay done = await().atMost(Duration.ofSeconds(30)).until(
                () -> deadLetters.bulkReplay(started.id()).orElseThrow(), r -> r.state().finished());
        assertThat(done.handled()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(20)).until(() -> mailer.total() == 3);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                .until(() -> Broker.depth("requeue-mail") == 0 && mailer.total() == 3);
        assertThat(ids).allSatisfy(id -> assertThat(mailer.mailed(id)).as(id).isEqualTo(1));
        assertThat(deadLetters.count()).isZero();
        assertThat(Postgres.count("SELECT last_value FROM fail_first_removal_seq")).as("the trigger refused once")
                .isGreaterThanOrEqualTo(2);
    }
}
