package dev.rebound.testing;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Environment variables for a test deployment, as Open Liberty's environment source offers them: a key is found by
 * MicroProfile Config's mapping rules (exact name, then non-alphanumerics as {@code _}, then upper case, so
 * {@code rebound.channel.payments.concurrent-consumers} finds {@code REBOUND_CHANNEL_PAYMENTS_CONCURRENT_CONSUMERS}),
 * while the names it lists are the variables in lower case with {@code _} as {@code .}
 * ({@code rebound.channel.payments.concurrent.consumers}), which is not the key. Registered as a service; empty
 * unless a test sets variables through {@link Deployments#weld(Map, Map, Class[])}.
 */
public final class Environment implements ConfigSource {

    private static final Map<String, String> VARIABLES = new ConcurrentHashMap<>();

    static void set(Map<String, String> variables) {
        VARIABLES.clear();
        VARIABLES.putAll(variables);
    }

    @Override
    public Set<String> getPropertyNames() {
        return VARIABLES.keySet().stream().map(name -> name.toLowerCase(Locale.ROOT).replace('_', '.'))
                .collect(Collectors.toSet());
    }

    @Override
    public String getValue(String name) {
        String value = VARIABLES.get(name);
        if (value == null) {
            String sanitized = name.replaceAll("[^a-zA-Z0-9_]", "_");
            value = VARIABLES.get(sanitized);
            if (value == null) {
                value = VARIABLES.get(sanitized.toUpperCase(Locale.ROOT));
            }
        }
        return value;
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
