package dev.rebound.inmemory.testing;

import dev.rebound.spi.PayloadCodec;
import dev.rebound.spi.TransportContext;
import dev.rebound.spi.TransportSettings;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.transaction.TransactionManager;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/** A transport context without Rebound: settings from a map, JSON-B as the codec, plain threads. */
public final class FakeContext implements TransportContext {

    private final Map<String, String> config;
    private final TransactionManager transactions;

    public FakeContext(Map<String, String> config, TransactionManager transactions) {
        this.config = config;
        this.transactions = transactions;
    }

    @Override
    public TransportSettings settings() {
        return settings("rebound.in-memory.");
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
        return null;
    }

    @Override
    public PayloadCodec payloads() {
        return CODEC;
    }

    @Override
    public ThreadFactory threads() {
        return Thread::new;
    }

    @Override
    public Optional<TransactionManager> transactionManager() {
        return Optional.ofNullable(transactions);
    }

    @Override
    public boolean inServer() {
        return false;
    }

    private static final Jsonb JSONB = JsonbBuilder.create();

    /** JSON-B, reading only the test's own types. */
    private static final PayloadCodec CODEC = new PayloadCodec() {
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
            if (typeName.endsWith(".Explodes")) {
                throw new IllegalStateException("the codec broke");          // not the IllegalArgumentException it promises
            }
            if (!typeName.startsWith("dev.rebound.inmemory.")) {
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
