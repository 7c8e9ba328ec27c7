package dev.rebound.bench.outbox;

import dev.rebound.bench.BenchBroker;
import dev.rebound.bench.Order;
import dev.rebound.deadletter.PayloadTypes;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.Inbound;
import dev.rebound.spi.Outcome;
import dev.rebound.spi.PayloadCodec;
import dev.rebound.spi.QueueChannel;
import dev.rebound.spi.TransportContext;
import dev.rebound.spi.TransportSettings;
import dev.rebound.testsupport.Jta;
import dev.rebound.transport.JsonPayloadCodec;
import jakarta.jms.ConnectionFactory;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.transaction.TransactionManager;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;
import javax.sql.DataSource;

/**
 * What an application gives the database and JMS transports of the outbox suite, without Weld (the suite runs the
 * two transports by themselves): settings from a map under one prefix, the benchmark's PostgreSQL pool and broker,
 * Narayana, the JSON payload codec for {@link Order}, and the relay's target channel.
 */
final class OutboxContext implements TransportContext {

    private static final Jsonb JSONB = JsonbBuilder.create();
    static final PayloadCodec CODEC = new JsonPayloadCodec(() -> JSONB, new PayloadTypes(Set.of(Order.class)));

    private final String prefix;
    private final Map<String, String> config;
    private final Map<String, QueueChannel> queues;

    OutboxContext(String prefix, Map<String, String> config, Map<String, QueueChannel> queues) {
        this.prefix = prefix;
        this.config = config;
        this.queues = queues;
    }

    @Override
    public TransportSettings settings() {
        return settings(prefix);
    }

    @Override
    public TransportSettings channel(String channel) {
        return settings("rebound.channel." + channel + ".");
    }

    private TransportSettings settings(String under) {
        return new TransportSettings() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(config.get(under + key)).map(String::trim).filter(v -> !v.isEmpty());
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
                return under + key;
            }
        };
    }

    @Override
    public <T> T bean(Class<T> type, Annotation... qualifiers) {
        if (qualifiers.length > 0) {
            return null;
        }
        if (type == DataSource.class) {
            return type.cast(Jta.dataSource());
        }
        if (type == ConnectionFactory.class) {
            return type.cast(BenchBroker.connectionFactory());
        }
        return null;
    }

    @Override
    public PayloadCodec payloads() {
        return CODEC;
    }

    @Override
    public ThreadFactory threads() {
        return task -> {
            Thread thread = new Thread(task, "bench-outbox");
            thread.setDaemon(true);
            return thread;
        };
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

    /** A relay's inbound: it never handles; a poison row would be a broken benchmark. */
    static Inbound relayOnly(int threads) {
        return new Inbound() {
            @Override
            public int concurrentConsumers(String channel) {
                return threads;
            }

            @Override
            public Attempt attempt(String channel, Envelope envelope) {
                throw new IllegalStateException("the outbox benchmark's relay handles nothing");
            }

            @Override
            public void deliver(Outcome.Deliver deliver, boolean inCurrentTransaction) {
                throw new IllegalStateException("the outbox benchmark's relay delivers nothing");
            }

            @Override
            public void poison(UUID id, String channel, String body, Map<String, String> properties, String reason) {
                throw new IllegalStateException("poison row in the outbox benchmark: " + reason);
            }
        };
    }
}
