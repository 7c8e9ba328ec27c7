package dev.rebound.inmemory.backlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.inmemory.testing.FakeInbound;
import dev.rebound.inmemory.testing.Transports;
import dev.rebound.spi.Backlog;
import dev.rebound.spi.QueueChannel;
import dev.rebound.spi.Transport;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An in-memory queue reports its depth and the age of its oldest due message, as a database channel does. */
class BacklogTest {

    @Test
    void the_depth_counts_every_message_and_the_lag_is_the_wait_of_the_first_due_one() throws Exception {
        Transport transport = Transports.create(Map.of(), null);
        QueueChannel jobs = transport.channel("backlog-jobs");
        assertThat(transport.backlog()).singleElement().satisfies(b -> {
            assertThat(b.channel()).isEqualTo("backlog-jobs");
            assertThat(b.depth()).isZero();
            assertThat(b.lag()).isEqualTo(Duration.ZERO);
        });

        jobs.enqueue(Transports.envelope("delayed"), 60_000);
        assertThat(transport.backlog().get(0).lag()).isEqualTo(Duration.ZERO);     // not due: not late
        jobs.enqueue(Transports.envelope("due"), 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> transport.backlog().get(0).lag().toMillis() >= 100);

        Backlog backlog = transport.backlog().get(0);
        assertThat(backlog.depth()).isEqualTo(2);
        assertThat(backlog.lag()).isLessThan(Duration.ofSeconds(10));

        transport.start(new FakeInbound());
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> transport.backlog().get(0).depth() == 1);
            assertThat(transport.backlog().get(0).lag()).isEqualTo(Duration.ZERO);
        } finally {
            transport.stop();
        }
    }
}
