package dev.rebound.testing;

import dev.rebound.cdi.ReboundExtension;
import dev.rebound.spi.TransportFactory;
import dev.rebound.testsupport.ServerResources;
import dev.rebound.testsupport.TestConfig;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/** Starts a CDI container (Weld) with Rebound's extension and the given classes, as an application would. */
public final class Deployments {

    private Deployments() {
    }

    /** Makes {@code config} the application's MicroProfile Config (as system properties), replacing earlier tests'. */
    private static void configure(Map<String, String> config) {
        Environment.set(Map.of());
        TestConfig.use(config);
    }

    /** A Weld with the extension and the classes, plus what a server provides (TransactionManager, EntityManager, DataSource). */
    public static Weld weld(Map<String, String> config, Class<?>... classes) {
        return bare(config, classes).addBeanClasses(ServerResources.class);
    }

    /**
     * Like {@link #weld(Map, Class[])}, with these transports to choose from instead of those on the class path
     * (there are none in this module).
     */
    public static Weld weld(Map<String, String> config, List<TransportFactory> transports, Class<?>... classes) {
        configure(config);
        return new Weld().disableDiscovery().addExtension(new ReboundExtension(transports)).addBeanClasses(classes)
                .addBeanClasses(ServerResources.class);
    }

    /**
     * One node of several in this JVM: like {@link #weld(Map, List, Class[])}, as a container of its own named
     * {@code node} (Weld SE runs several side by side when each has its own id).
     */
    public static Weld node(String node, Map<String, String> config, List<TransportFactory> transports,
                            Class<?>... classes) {
        configure(config);
        return new Weld(node).disableDiscovery().addExtension(new ReboundExtension(transports))
                .addBeanClasses(classes).addBeanClasses(ServerResources.class);
    }

    /**
     * Like {@link #weld(Map, Class[])}, with environment variables offered as Open Liberty does (see
     * {@link Environment}).
     */
    public static Weld weld(Map<String, String> config, Map<String, String> environment, Class<?>... classes) {
        Weld weld = weld(config, classes);
        Environment.set(environment);
        return weld;
    }

    /** A Weld with the extension and the classes only: no transaction manager, no persistence. */
    private static Weld bare(Map<String, String> config, Class<?>... classes) {
        configure(config);
        return new Weld().disableDiscovery().addExtension(new ReboundExtension()).addBeanClasses(classes);
    }

    public static WeldContainer start(Map<String, String> config, Class<?>... classes) {
        return weld(config, classes).initialize();
    }

    public static WeldContainer start(Class<?>... classes) {
        return start(Map.of(), classes);
    }

    /** The exception with which deployment of the classes fails. */
    public static Throwable failure(Map<String, String> config, Class<?>... classes) {
        return failureOf(() -> weld(config, classes));
    }

    public static Throwable failure(Class<?>... classes) {
        return failure(Map.of(), classes);
    }

    /** The exception with which deployment fails when the container offers no TransactionManager nor EntityManager. */
    public static Throwable failureWithoutResources(Class<?>... classes) {
        return failureOf(() -> bare(Map.of(), classes));
    }

    /** The messages of a failure and all its causes, one per line (Weld wraps the extension's problems). */
    public static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    /** The exception with which deployment of the Weld fails. */
    public static Throwable failureOf(Supplier<Weld> weld) {
        try (WeldContainer container = weld.get().initialize()) {
            throw new AssertionError("deployment succeeded but was expected to fail");
        } catch (RuntimeException expected) {
            return expected;
        }
    }
}
