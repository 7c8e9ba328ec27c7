package dev.rebound.testing;

import io.smallrye.config.EnvConfigSource;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Environment variables for a test deployment, as Open Liberty's environment source offers them: a key is found by
 * MicroProfile Config's mapping rules, as SmallRye's {@link EnvConfigSource} applies them (exact name, then
 * non-alphanumerics as {@code _}, then upper case, so {@code rebound.channel.payments.concurrent-consumers} finds
 * {@code REBOUND_CHANNEL_PAYMENTS_CONCURRENT_CONSUMERS}),
 * while the names it lists are the variables in lower case with {@code _} as {@code .}
 * ({@code rebound.channel.payments.concurrent.consumers}), which is not the key. Registered as a service; empty
 * unless a test sets variables through {@link Deployments#weld(Map, Map, Class[])}.
 */
public final class Environment implements ConfigSource {

    /**
     * A system property present while variables are set: the next deployment's configuration (test-support's
     * {@code TestConfig.use}, which removes keys with a '/') takes it away, and so the variables, also for a
     * {@code @ReboundTest} that never calls {@link #set}.
     */
    private static final String LIVE = "test.environment/set";

    private static volatile Map<String, String> variables = Map.of();
    private static volatile EnvConfigSource lookup = new EnvConfigSource(Map.of(), 300);

    static void set(Map<String, String> values) {
        variables = Map.copyOf(values);
        lookup = new EnvConfigSource(variables, 300);
        if (values.isEmpty()) {
            System.clearProperty(LIVE);
        } else {
            System.setProperty(LIVE, "true");
        }
    }

    private static boolean live() {
        return System.getProperty(LIVE) != null;
    }

    @Override
    public Set<String> getPropertyNames() {
        if (!live()) {
            return Set.of();
        }
        return variables.keySet().stream().map(name -> name.toLowerCase(Locale.ROOT).replace('_', '.'))
                .collect(Collectors.toSet());
    }

    @Override
    public String getValue(String name) {
        return live() ? lookup.getValue(name) : null;
    }

    @Override
    public int getOrdinal() {
        return 300;
    }

    @Override
    public String getName() {
        return "test environment variables";
    }
}
