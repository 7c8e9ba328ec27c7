package dev.rebound.transport;

import dev.rebound.config.ReboundConfig;
import dev.rebound.spi.TransportSettings;
import java.util.List;
import java.util.Optional;

/**
 * A transport's or a channel's settings over Rebound's configuration: a key is read under a fixed prefix
 * ({@code rebound.jms.}, {@code rebound.channel.orders.}), by its exact name, as {@link ReboundConfig} reads
 * everything (never by enumerating property names).
 */
final class ConfigSettings implements TransportSettings {

    private final ReboundConfig config;
    private final String prefix;

    private ConfigSettings(ReboundConfig config, String prefix) {
        this.config = config;
        this.prefix = prefix;
    }

    /** The settings of the transport named {@code name}: {@code rebound.<name>.*}. */
    static ConfigSettings transport(ReboundConfig config, String name) {
        return new ConfigSettings(config, "rebound." + name + ".");
    }

    /** The settings of a channel: {@code rebound.channel.<channel>.*}. */
    static ConfigSettings channel(ReboundConfig config, String channel) {
        return new ConfigSettings(config, "rebound.channel." + channel + ".");
    }

    @Override
    public Optional<String> get(String key) {
        return config.get(property(key));
    }

    /** @throws IllegalArgumentException with {@code REBOUND-2011}, naming the property and the value */
    @Override
    public long number(String key, long defaultValue) {
        return config.number(property(key), defaultValue);
    }

    @Override
    public List<String> list(String key) {
        return config.list(property(key));
    }

    @Override
    public String property(String key) {
        return prefix + key;
    }
}
