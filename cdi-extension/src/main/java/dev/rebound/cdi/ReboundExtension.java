package dev.rebound.cdi;

import dev.rebound.CommandBus;
import dev.rebound.Consumers;
import dev.rebound.Duplicates;
import dev.rebound.DeadLetters;
import dev.rebound.EventBus;
import dev.rebound.MessageGateway;
import dev.rebound.Nodes;
import dev.rebound.QueryBus;
import dev.rebound.config.ReboundConfig;
import dev.rebound.spi.ChannelStatus;
import dev.rebound.spi.TransportFactory;
import dev.rebound.spi.TransportHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rebound's portable extension. It only collects and checks: gateway interfaces (from bean archives and
 * from injection points), handler methods on managed beans; then it assembles the runtime once and adds
 * a bean per gateway, one for {@link DeadLetters}, one for {@link Nodes} and one for {@link Consumers} (which the public methods
 * below about consumers delegate to; applications inject {@link Consumers} instead). Every misconfiguration
 * becomes a deployment problem whose message names the class and method and what to do instead; observers
 * never throw.
 */
public class ReboundExtension implements Extension {

    private final Set<Class<?>> gateways = new LinkedHashSet<>(List.of(CommandBus.class, EventBus.class,
            QueryBus.class));
    private final List<HandlerBinding> handlers = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<TransportFactory> transports;
    private ReboundAssembly assembly;

    /** The extension as the container makes it: the transports are those on the class path. */
    public ReboundExtension() {
        this.transports = null;
    }

    /**
     * An extension that chooses among these transports instead of those on the class path, for a container that is
     * set up by hand (tests, e.g. Weld SE's {@code addExtension}).
     */
    public ReboundExtension(List<TransportFactory> transports) {
        this.transports = List.copyOf(transports);
    }

    record HandlerBinding(HandlerScanner.Found handler, Bean<?> bean) {
    }

    <T> void gatewayInterfaces(@Observes ProcessAnnotatedType<T> event) {
        Class<T> type = event.getAnnotatedType().getJavaClass();
        if (isGateway(type)) {
            gateways.add(type);
        }
    }

    void injectedGateways(@Observes ProcessInjectionPoint<?, ?> event) {
        Type type = event.getInjectionPoint().getType();
        if (type instanceof Class<?> c && isGateway(c)) {
            gateways.add(c);
        }
    }

    <T> void handlerMethods(@Observes ProcessManagedBean<T> event) {
        Bean<T> bean = event.getBean();
        HandlerScanner.scan(event.getAnnotatedBeanClass(), found -> handlers.add(new HandlerBinding(found, bean)),
                problems::add);
    }

    void addBeans(@Observes AfterBeanDiscovery event, BeanManager beanManager) {
        BeanLookup lookup = new BeanLookup(beanManager, transports);
        assembly = new ReboundAssembly(ReboundConfig.microProfile(), lookup, handlers, problems::add);
        for (Class<?> gateway : gateways) {
            Object proxy = assembly.gateway(gateway);
            if (proxy != null) {
                event.addBean().types(gateway, Object.class).createWith(context -> proxy);
            }
        }
        event.addBean().types(DeadLetters.class, Object.class).createWith(context -> assembly.deadLetters());
        event.addBean().types(Consumers.class, Object.class).createWith(context -> assembly.consumers());
        event.addBean().types(Duplicates.class, Object.class).createWith(context -> assembly.duplicates());
        event.addBean().types(Nodes.class, Object.class).createWith(context -> assembly.nodes());
        problems.forEach(problem -> event.addDefinitionError(new DeploymentException(problem)));
        problems.clear();
    }

    void checkResources(@Observes AfterDeploymentValidation event) {
        assembly.validate().forEach(problem -> event.addDeploymentProblem(new DeploymentException(problem)));
    }

    void startConsumers(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        assembly.lifecycle().start();
    }

    void stopConsumers(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        assembly.lifecycle().stopConsumers();
    }

    /** While the application's beans (handlers, EntityManager) still work, so a replay in hand can finish. */
    void stopBulkReplays(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        assembly.lifecycle().stopBulkReplays();
    }

    /**
     * Starts the consumers of the asynchronous channels that are not running: after {@link #pauseConsumers()}, or
     * a channel stopped by the {@code STOP} strategy. Running consumers are left alone. (They start with the
     * application.)
     */
    public void resumeConsumers() {
        assembly.consumers().resumeAll();
    }

    /** Stops the consumers: in-flight handlers finish, or their messages go back to their queues. */
    public void pauseConsumers() {
        assembly.consumers().pauseAll();
    }

    /**
     * Channels whose consumers stopped because of the {@code STOP} final failure strategy, with the reason (the
     * failed message and its exception type; the exception's text is in the REBOUND-3006 log line).
     */
    public Map<String, String> stoppedConsumers() {
        Map<String, String> stopped = new LinkedHashMap<>();
        for (ChannelStatus status : consumerStatus()) {
            if (status.state() == ChannelStatus.State.STOPPED) {
                stopped.put(status.channel(), status.reason());
            }
        }
        return stopped;
    }

    /**
     * What the consumers of every asynchronous channel are doing now (consuming, paused, stopped, reconnecting,
     * died), with their counts; no exception text, so that it can be published (see {@link ChannelStatus}).
     */
    public List<ChannelStatus> consumerStatus() {
        return assembly.consumers().status();
    }

    /**
     * Whether the brokers of the asynchronous channels' transports answer now, for the readiness check: bounded in
     * time; its detail names exception types and REBOUND codes, never an exception's text. Up without channels.
     */
    public TransportHealth transportHealth() {
        return assembly.consumers().health();
    }

    /** The asynchronous channels of the application (each has consumers while the application runs). */
    public Set<String> asynchronousChannels() {
        return assembly.consumers().channels();
    }

    static boolean isGateway(Class<?> type) {
        return type.isInterface() && !type.isAnnotation()
                && (CommandBus.class.isAssignableFrom(type) || EventBus.class.isAssignableFrom(type)
                || QueryBus.class.isAssignableFrom(type) || type.isAnnotationPresent(MessageGateway.class));
    }
}
