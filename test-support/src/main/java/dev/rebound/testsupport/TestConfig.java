package dev.rebound.testsupport;

import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;

/** A test deployment's MicroProfile Config, as system properties (no JUnit here: the benchmarks use it too). */
public final class TestConfig {

    private TestConfig() {
    }

    /**
     * Makes {@code config} the application's configuration, replacing earlier tests': their {@code rebound.*}
     * properties and those with a '/' in the name go, and the cached Config is released.
     */
    public static void use(Map<String, String> config) {
        System.getProperties().keySet()
                .removeIf(k -> k.toString().contains("/") || k.toString().startsWith("rebound."));
        System.getProperties().putAll(config);
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
    }
}
