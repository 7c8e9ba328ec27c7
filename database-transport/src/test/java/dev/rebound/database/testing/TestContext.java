package dev.rebound.database.testing;

import dev.rebound.spi.PayloadCodec;
import dev.rebound.spi.QueueChannel;
import dev.rebound.spi.TransportContext;
import dev.rebound.spi.TransportSettings;
import dev.rebound.testsupport.Jta;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.transaction.TransactionManager;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import javax.sql.DataSource;

/**
 * What a node of the application gives the database transport, without the rest of Rebound: the settings, the data
 * source as its bean, Narayana, and JSON-B for the tests' own payload types. For tests that run several transports
 * (nodes) on one table in one JVM.
 */
public final class TestContext implements TransportContext {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private final Map<String, String> config;
    private final DataSource dataSource;
    private final Map<String, QueueChannel> queues;
    private final String prefix;
    private final Object bean;

    public TestContext(Map<String, String> config, DataSource dataSource) {
        this(config, dataSource, Map.of());
    }

    private TestContext(String prefix, Map<String, String> config, DataSource dataSource, Object bean) {
        this.prefix = prefix;
        this.config = config;
        this.dataSource = dataSource;
        this.queues = Map.of();
        this.bean = bean;
    }

    /** What the JMS transport of a relay's target sees: settings rebound.jms.*, the connection factory as a bean. */
    public static TestContext jms(Map<String, String> config, DataSource dataSource, Object connectionFactory) {
        return new TestContext("rebound.jms.", config, dataSource, connectionFactory);
    }

    /** With the application's other asynchronous channels (a relay's targets), as deployment would give them. */
    public TestContext(Map<String, String> config, DataSource dataSource, Map<String, QueueChannel> queues) {
        this.config = config;
        this.dataSource = dataSource;
        this.queues = queues;
        this.prefix = "rebound.database.";
        this.bean = null;
    }

    @Override
    public TransportSettings settings() {
        return settings(prefix);
    }

    @Override
    public TransportSettings channel(String channel) {
        return settings("rebound.channel." + channel + ".");
    }

    private TransportSettings settings(String prefix) {
        return new TransportSettings() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(config.get(prefix + key)).map(String::trim).filter(v -> !v.isEmpty());
            }

            @Override
            public long number(String key, long defaultValue) {
                return get(key).map(Long::parseLong).orElse(defaultValue);
            }

            @Override
            public List<String> list(String key) {
                return get(key).map(v -> List.of(v.split(","))).orElse(List.of());
            }

            @Override
            public String property(String key) {
                return prefix + key;
            }
        };
    }

    @Override
    public <T> T bean(Class<T> type, Annotation... qualifiers) {
        if (type == DataSource.class) {
            return type.cast(dataSource);
        }
        return qualifiers.length == 0 && type.isInstance(bean) ? type.cast(bean) : null;
    }

    @Override
    public PayloadCodec payloads() {
        return new PayloadCodec() {
            @Override
            public String typeName(Object payload) {
                return payload.getClass().getName();
            }

            @Override
            public String write(Object payload) {
                return JSONB.toJson(payload);
            }

            @Override
            public Object read(String body, String typeName) {
                if (!typeName.startsWith("dev.rebound.database.")) {
                    throw new IllegalArgumentException("refused type " + typeName);
                }
                try {
                    return JSONB.fromJson(body, Class.forName(typeName));
                } catch (ClassNotFoundException | RuntimeException e) {
                    throw new IllegalArgumentException("unreadable: " + e, e);
                }
            }
        };
    }

    @Override
    public ThreadFactory threads() {
        return Thread::new;
    }

    @Override
    public Optional<TransactionManager> transactionManager() {
        return Optional.of(Jta.transactionManager());
    }

    @Override
    public boolean inServer() {
        return false;
    }

    @Override
    public Optional<QueueChannel> queueChannel(String name) {
        return Optional.ofNullable(queues.get(name));
    }
}
