package dev.rebound.bench.async;

import dev.rebound.Consumers;
import dev.rebound.bench.Work;
import dev.rebound.spi.ChannelStatus;
import dev.rebound.testing.Deployments;
import java.util.HashMap;
import java.util.Map;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * An application with Rebound's asynchronous handler ({@link AsyncOrders}) in Weld, with Narayana, Hibernate on
 * PostgreSQL (used only when a dead letter is stored) and the benchmark broker. Its consumers are paused
 * between rounds so that a round starts on a full queue, as the hand-written side's does.
 */
public final class ReboundApp implements AutoCloseable {

    private final WeldContainer container;
    private final Consumers rebound;
    private final AsyncOrders handler;

    public ReboundApp(int consumers, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of(
                "rebound.channel." + AsyncOrders.CHANNEL + ".concurrent-consumers", String.valueOf(consumers),
                "rebound.jms.receive-timeout-ms", "100", "rebound.jms.shutdown-timeout-ms", "10000"));
        config.putAll(extra);
        container = Deployments.weld(config, AsyncOrders.class, BenchJms.class).initialize();
        rebound = container.select(Consumers.class).get();
        handler = container.select(AsyncOrders.class).get();
        rebound.pauseAll();
    }

    public void start(Work work) {
        handler.use(work);
        rebound.resumeAll();
    }

    public void stop() {
        rebound.pauseAll();
        for (ChannelStatus status : rebound.status()) {
            if (status.state() == ChannelStatus.State.STOPPED) {
                throw new IllegalStateException("Rebound's consumers stopped: " + status);
            }
        }
    }

    @Override
    public void close() {
        container.close();
    }
}
