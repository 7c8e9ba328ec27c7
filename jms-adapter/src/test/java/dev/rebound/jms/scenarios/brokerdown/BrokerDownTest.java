package dev.rebound.jms.scenarios.brokerdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.Consumers;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.Jta;
import dev.rebound.testsupport.LogRecords;
import dev.rebound.testsupport.Postgres;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import jakarta.transaction.RollbackException;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.ActiveMQAddressDoesNotExistException;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A broker that is stopped, full or blocking: a send is tried again after 10 and 400 ms (the defaults) on broker
 * errors only, is bounded in time, and a send at commit that fails rolls the transaction back with its row.
 *
 * <p>A connect to a stopped broker fails only after Artemis' {@code retryInterval} (2 s by default, the test's
 * {@code vm://0} factory has it): the bound of 5 s leaves a try after a broker that came back room for its second
 * connect and its send (with 3 s, a loaded machine ran the first try out to the bound: REBOUND-3055 in CI).
 */
@ReboundTest(beans = {Journal.class}, config = {"rebound.jms.send-timeout-ms=5000",
        "rebound.channel.slow.queue=blocked-notes"}, profile = AsyncDeployments.Async.class)
class BrokerDownTest {

    static {
        Broker.purge("notes");
        Broker.purge("blocked-notes");
        // before the address exists: the limit of an address is set when it is made
        Broker.limit("blocked-notes", 1024, AddressFullMessagePolicy.BLOCK, true);
    }

    @Inject
    CommandBus commands;
    @Inject
    Consumers consumers;
    @Inject
    Journal journal;

    private final TransactionManager tm = Jta.transactionManager();
    private LogRecords logged;

    @BeforeEach
    void clean() {
        Postgres.execute("CREATE TABLE IF NOT EXISTS note (id VARCHAR(64) PRIMARY KEY)");
        Postgres.execute("DELETE FROM note");
        logged = LogRecords.of("dev.rebound.jms");
    }

    @AfterEach
    void restore() throws Exception {
        if (tm.getTransaction() != null) {
            tm.rollback();
        }
        Broker.reopen();
        Broker.acceptSends();
        Broker.unlimit("notes");
        Broker.purge("blocked-notes");
        consumers.resumeAll();
        Broker.purge("notes");
        logged.close();
    }

    @Test
    void commit_whose_messages_the_stopped_broker_does_not_take_is_rolled_back_with_its_row() throws Exception {
        Broker.cutOff();
        tm.begin();
        insert("n-1");
        commands.send(new Journal.Note("n-1"));

        long start = System.nanoTime();
        assertThatThrownBy(tm::commit).isInstanceOf(RollbackException.class);

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5500);
        assertThat(rows("n-1")).isZero();
        assertThat(logged.startingWith("REBOUND-3053")).singleElement()
                .satisfies(r -> assertThat(r.getMessage()).contains("[notes]", "attempt",
                        "rolled back, none of them was sent"));
        Broker.reopen();
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("notes") == 0 && journal.notes().isEmpty());
    }

    @Test
    void commit_whose_messages_a_full_address_refuses_is_rolled_back_with_its_row() throws Exception {
        consumers.pause("notes");
        Broker.sendRaw("notes", "{}", java.util.Map.of());           // fills it
        Broker.limit("notes", 1, AddressFullMessagePolicy.FAIL, true);
        tm.begin();
        insert("n-2");
        commands.send(new Journal.Note("n-2"));
        commands.send(new Journal.Note("n-3"));

        assertThatThrownBy(tm::commit).isInstanceOf(RollbackException.class);

        assertThat(rows("n-2")).isZero();
        assertThat(Broker.depth("notes")).isEqualTo(1);
        assertThat(logged.startingWith("REBOUND-3053")).singleElement()
                .satisfies(r -> assertThat(r.getMessage()).contains("2 message(s)", "3 attempts"));
    }

    @Test
    void send_succeeds_on_a_retry_when_the_broker_comes_back_within_the_retry_window() {
        Broker.cutOff();
        CompletableFuture.delayedExecutor(150, TimeUnit.MILLISECONDS).execute(Broker::reopen);

        commands.send(new Journal.Note("n-4"));          // 10 ms, then 400 ms: the broker is back by then

        await().atMost(Duration.ofSeconds(10)).until(() -> journal.notes().contains("n-4"));
    }

    @Test
    void send_to_a_stopped_broker_fails_within_the_bound_with_a_rebound_error() {
        Broker.cutOff();
        long start = System.nanoTime();

        assertThatThrownBy(() -> commands.send(new Journal.Note("n-5")))
                .hasMessageContaining("REBOUND-3055").hasMessageContaining("queue notes (channel notes)")
                .hasMessageContaining("attempt");

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5500);
    }

    @Test
    void send_that_a_full_address_blocks_is_cut_off_at_the_send_timeout() {
        consumers.pause("slow");
        Broker.sendRaw("blocked-notes", "x".repeat(4096), java.util.Map.of());
        long start = System.nanoTime();

        assertThatThrownBy(() -> commands.send(new Journal.Slow("n-6")))
                .hasMessageContaining("REBOUND-3055").hasMessageContaining("cut off by")
                .hasMessageContaining("send-timeout-ms=5000");

        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(elapsed).isBetween(4900L, 6500L);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void send_to_an_address_that_does_not_exist_is_not_retried() {
        Broker.refuseSends(message -> message.getAddress().equals("notes"),
                address -> new ActiveMQAddressDoesNotExistException(address));

        assertThatThrownBy(() -> commands.send(new Journal.Note("n-7")))
                .hasMessageContaining("REBOUND-3055").hasMessageContaining("queue notes")
                .hasMessageContaining("1 attempt in");
        assertThat(logged.startingWith("REBOUND-3054")).isEmpty();
    }

    private static void insert(String id) throws Exception {
        try (Connection connection = Jta.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO note (id) VALUES (?)")) {
            insert.setString(1, id);
            insert.executeUpdate();
        }
    }

    private static long rows(String id) {
        return Postgres.count("SELECT count(*) FROM note WHERE id = '" + id + "'");
    }
}
