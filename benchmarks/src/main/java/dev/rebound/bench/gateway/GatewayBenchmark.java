package dev.rebound.bench.gateway;

import dev.rebound.CommandBus;
import dev.rebound.bench.Order;
import dev.rebound.testing.Deployments;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Synchronous cost of one command: through Rebound's gateway (error channel + instant retry, no failure),
 * through a plain {@code CommandBus} (dispatch only), as a direct call of the handler bean, and as a call of
 * a bean method behind a Fault Tolerance-style interceptor. All four reach an {@code @ApplicationScoped}
 * bean through its Weld client proxy, with the same payload instance.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GatewayBenchmark {

    private WeldContainer container;
    private ResilientBus resilientBus;
    private CommandBus plainBus;
    private OrderDesk desk;
    private InterceptedDesk intercepted;
    private final Order order = Order.number(42);

    @Setup(Level.Trial)
    public void start() {
        container = Deployments.weld(Map.of(), OrderDesk.class, InterceptedDesk.class, ResilientBus.class,
                ResilientInterceptor.class).initialize();
        resilientBus = container.select(ResilientBus.class).get();
        plainBus = container.select(CommandBus.class).get();
        desk = container.select(OrderDesk.class).get();
        intercepted = container.select(InterceptedDesk.class).get();
        if (!Long.valueOf(order.seq() + order.lines().length()).equals(resilientBus.send(order))
                || !resilientBus.send(order).equals(intercepted.place(order))
                || !intercepted.getClass().getName().contains("Proxy")) {
            throw new IllegalStateException("the sides do not compute the same result");
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        container.close();
    }

    @Benchmark
    public Object directCall() {
        return desk.place(order);
    }

    @Benchmark
    public Object interceptedCall() {
        return intercepted.place(order);
    }

    @Benchmark
    public Object reboundResilientGateway() {
        return resilientBus.send(order);
    }

    @Benchmark
    public Object reboundPlainCommandBus() {
        return plainBus.send(order);
    }
}
