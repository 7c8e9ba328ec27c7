package dev.rebound.jms.scenarios.shutdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.Consumers;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.LogRecords;
import dev.rebound.testsupport.Postgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A handler that outlives {@code rebound.jms.shutdown-timeout-ms}: when stop returns, it was named in the log
 * with its stack, interrupted and its thread has ended; its work did not commit and its message is back on
 * the queue, handled once when the consumers run again.
 */
class ShutdownTest {

    private static final String THREAD = "rebound-" + Archive.CHANNEL + "-0";

    private LogRecords log;

    @BeforeEach
    void clean() {
        Broker.purge(Archive.CHANNEL);
        Postgres.execute("CREATE TABLE IF NOT EXISTS archived (id VARCHAR(64) PRIMARY KEY)");
        Postgres.execute("DELETE FROM archived");
        log = LogRecords.of("dev.rebound.jms.ConsumerGroup");
    }

    @AfterEach
    void release() {
        log.close();
        Broker.purge(Archive.CHANNEL);
    }

    private static WeldContainer start() {
        return AsyncDeployments.weld(Map.of("rebound.jms.shutdown-timeout-ms", "300"), Archive.class).initialize();
    }

    @Test
    void pausing_names_and_interrupts_a_handler_past_the_timeout_and_its_message_goes_back() throws Exception {
        try (WeldContainer container = start()) {
            Archive archive = container.select(Archive.class).get();
            container.select(CommandBus.class).get().send(new Archive.File("f-1"));
            assertThat(archive.awaitEntered()).isTrue();
            Consumers consumers = container.select(Consumers.class).get();

            consumers.pauseAll();

            assertThat(consumerThreads()).as("consumer threads alive when pausing returned").isEmpty();
            assertThat(archive.wasInterrupted()).isTrue();
            assertOutcomeNotApplied();
            assertThat(log.messages(Level.WARNING)).singleElement().satisfies(m -> assertThat(m)
                    .startsWith("REBOUND-3042").contains(THREAD).contains(Archive.CHANNEL)
                    .contains("shutdown-timeout-ms=300").contains(Archive.class.getName() + ".file("));

            consumers.resumeAll();
            // local mode: the handler's own transaction committed and only the acknowledgement failed; the kept
            // decision acknowledges the redelivery without running the handler again
            int calls = AsyncDeployments.oneTransaction() ? 2 : 1;
            await().atMost(Duration.ofSeconds(10)).until(() -> archive.calls() == calls && rows() == 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth(Archive.CHANNEL) == 0);
        }
    }

    @Test
    void consumer_threads_do_not_outlive_the_application_and_the_message_of_a_blocked_handler_goes_back()
            throws Exception {
        WeldContainer container = start();
        Archive archive = container.select(Archive.class).get();
        container.select(CommandBus.class).get().send(new Archive.File("f-2"));
        assertThat(archive.awaitEntered()).isTrue();

        container.close();

        assertThat(consumerThreads()).as("consumer threads alive after the application stopped").isEmpty();
        assertOutcomeNotApplied();
        assertThat(log.messages(Level.WARNING)).anySatisfy(m -> assertThat(m).startsWith("REBOUND-3042")
                .contains(THREAD));
    }

    /** No commit after stop: the row is gone (in local mode the handler's own transaction commits it). */
    private static void assertOutcomeNotApplied() {
        if (AsyncDeployments.oneTransaction()) {
            assertThat(rows()).isZero();
        }
        assertThat(Broker.browse(Archive.CHANNEL)).as("the message is back on the queue").isEqualTo(1);
    }

    private static List<String> consumerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("rebound-" + Archive.CHANNEL)).toList();
    }

    private static long rows() {
        return Postgres.count("SELECT count(*) FROM archived");
    }
}
