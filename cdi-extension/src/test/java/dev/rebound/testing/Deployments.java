package dev.rebound.testing;

import dev.rebound.cdi.ReboundExtension;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/** Starts a CDI container (Weld) with Rebound's extension and the given classes, as an application would. */
public final class Deployments {

    private Deployments() {
    }

    /** A Weld configured with the extension, the test resources and the classes; config from the map. */
    public static Weld weld(Map<String, String> config, Class<?>... classes) {
        System.getProperties().keySet().removeIf(k -> k.toString().contains("/") || k.toString().startsWith("rebound."));
        System.getProperties().putAll(config);
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
        return new Weld().disableDiscovery().addExtension(new ReboundExtension())
                .addBeanClasses(TestResources.class).addBeanClasses(classes);
    }

    public static WeldContainer start(Map<String, String> config, Class<?>... classes) {
        return weld(config, classes).initialize();
    }

    public static WeldContainer start(Class<?>... classes) {
        return start(Map.of(), classes);
    }

    /** The exception with which deployment of the classes fails. */
    public static Throwable failure(Map<String, String> config, Class<?>... classes) {
        try (WeldContainer container = weld(config, classes).initialize()) {
            throw new AssertionError("deployment succeeded but was expected to fail");
        } catch (RuntimeException expected) {
            return expected;
        }
    }

    public static Throwable failure(Class<?>... classes) {
        return failure(Map.of(), classes);
    }
}
