package dev.rebound.bench.async;

import dev.rebound.bench.Work;
import dev.rebound.cdi.ReboundExtension;
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
    private final ReboundExtension extension;
    private final AsyncOrders handler;

    public ReboundApp(int consumers, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of(
                "rebound.channel." + AsyncOrders.CHANNEL + ".concurrent-consumers", String.valueOf(consumers),
                "rebound.jms.receive-timeout-ms", "100", "rebound.jms.shutdown-timeout-ms", "10000"));
        config.putAll(extra);
        container = Deployments.weld(config, AsyncOrders.class, BenchJms.class).initialize();
        extension = container.getBeanManager().getExtension(ReboundExtension.class);
        handler = container.select(AsyncOrders.class).get();
        extension.pauseConsumers();
    }

    public void start(Work work) {
        handler.use(work);
        extension.resumeConsumers();
    }

    public void stop() {
        extension.pauseConsumers();
        if (!extension.stoppedConsumers().isEmpty()) {
            throw new IllegalStateException("Rebound's consumers stopped: " + extension.stoppedConsumers());
        }
    }

    @Override
    public void close() {
        container.close();
    }
}
