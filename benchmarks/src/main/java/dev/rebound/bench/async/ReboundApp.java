package dev.rebound.bench.async;

import dev.rebound.Consumers;
import dev.rebound.bench.Work;
import dev.rebound.spi.ChannelStatus;
import dev.rebound.testing.Deployments;
import java.util.HashMap;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
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
        this(consumers, extra, null);
    }

    /**
     * With more bean classes (e.g. tracing), as a Weld container of its own id so that two applications can run
     * side by side in one JVM, each paused while the other's round runs.
     *
     * @param id the Weld container's id, {@code null} for Weld's default
     */
    public ReboundApp(int consumers, Map<String, String> extra, String id, Class<?>... beans) {
        Map<String, String> config = new HashMap<>(Map.of(
                "rebound.channel." + AsyncOrders.CHANNEL + ".concurrent-consumers", String.valueOf(consumers),
                "rebound.jms.receive-timeout-ms", "100", "rebound.jms.shutdown-timeout-ms", "10000"));
        config.putAll(extra);
        Weld weld = Deployments.weld(config, AsyncOrders.class, BenchJms.class).addBeanClasses(beans);
        container = (id == null ? weld : weld.containerId(id)).initialize();
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
