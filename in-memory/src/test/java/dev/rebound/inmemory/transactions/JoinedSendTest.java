package dev.rebound.inmemory.transactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rebound.inmemory.InMemoryChannels;
import dev.rebound.inmemory.testing.FakeInbound;
import dev.rebound.inmemory.testing.Transports;
import dev.rebound.spi.QueueChannel;
import dev.rebound.spi.Transport;
import dev.rebound.testsupport.Jta;
import jakarta.transaction.TransactionManager;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JoinedSendTest {

    private final TransactionManager tm = Jta.transactionManager();
    private final Transport transport = Transports.create(Map.of("rebound.in-memory.capacity", "1"), tm);
    private final QueueChannel jobs = transport.channel("jobs");

    @AfterEach
    void stop() {
        transport.stop();
    }

    @Test
    void a_send_in_a_transaction_is_visible_only_after_the_commit() throws Exception {
        tm.begin();
        jobs.enqueue(Transports.envelope("c"), 0);
        assertThat(InMemoryChannels.depth("jobs")).isZero();
        assertThatThrownBy(() -> jobs.enqueue(Transports.envelope("over"), 0))   // its place is held
                .hasMessageContaining("REBOUND-3060");
        tm.commit();

        assertThat(InMemoryChannels.depth("jobs")).isEqualTo(1);
    }

    @Test
    void a_send_in_a_rolled_back_transaction_is_dropped_and_frees_its_place() throws Exception {
        tm.begin();
        jobs.enqueue(Transports.envelope("r"), 0);
        tm.rollback();

        assertThat(InMemoryChannels.depth("jobs")).isZero();
        jobs.enqueue(Transports.envelope("next"), 0);
        assertThat(InMemoryChannels.depth("jobs")).isEqualTo(1);
    }

    @Test
    void with_a_transaction_manager_the_handler_runs_in_the_consumers_transaction() {
        FakeInbound inbound = new FakeInbound();
        transport.start(inbound);
        jobs.enqueue(Transports.envelope("u"), 0);

        await().atMost(Duration.ofSeconds(5)).until(() -> inbound.runs.size() == 1);
        InMemoryChannels.awaitIdle(Duration.ofSeconds(5));
        assertThat(inbound.runs.get(0).inUnit()).isTrue();
    }
}
