package dev.rebound.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rebound.CommandBus;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The table is for redeliveries only: messages handled at their first delivery take no connection of its data source. */
@ReboundTest(beans = {Decided.class, OtherDataSources.class}, config = "rebound.jms.decisions-datasource=counted",
        profile = AsyncDeployments.Async.class)
class FirstDeliveriesTest {

    static {
        Broker.purge(Decided.CHANNEL);
    }

    @Inject
    CommandBus commands;
    @Inject
    Decided decided;

    @Test
    void twenty_messages_handled_at_their_first_delivery_touch_no_decisions_table() {
        assumeTrue(AsyncDeployments.oneTransaction(), "the table serves the modes xa and jta");
        int atStart = OtherDataSources.CONNECTIONS.get();
        assertThat(atStart).as("the start looks the table up").isPositive();

        for (int i = 0; i < 20; i++) {
            commands.send(new Decided.Task("t-" + i));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> decided.calls() == 20);
        assertThat(OtherDataSources.CONNECTIONS.get()).isEqualTo(atStart);
    }
}
