package dev.rebound.transport;

import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import dev.rebound.config.ReboundConfig;
import dev.rebound.core.Diagnostics;
import dev.rebound.core.HandlerMethod;
import dev.rebound.spi.Envelope;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Per-key order, opt-in per channel: {@code rebound.channel.<c>.ordering-key=header:<name>} (a standard header or
 * a metadata entry) or {@code payload:<property>} (a record component, a getter or a public field of the payload
 * types of the channel's handlers; of a relay's target's handlers for a database channel with {@code relay-to}).
 * Read and resolved once at deployment into an accessor per channel: a message sent to the channel gets its key in
 * its metadata ({@link Envelope#ORDERING_KEY}), which its transport keeps order by. Thread-safe once built.
 */
public final class OrderingKeys {

    /** The property, after {@code rebound.channel.<name>.}. */
    public static final String PROPERTY = "ordering-key";

    public static final OrderingKeys NONE = new OrderingKeys(Map.of());

    private static final String HEADER = "header:";
    private static final String PAYLOAD = "payload:";

    /** Per ordered channel, the key of a message ({@code null}: it has none). */
    private final Map<String, Function<Message, String>> byChannel;

    private OrderingKeys(Map<String, Function<Message, String>> byChannel) {
        this.byChannel = Map.copyOf(byChannel);
    }

    /** Reads the ordering key of each channel; each misconfiguration goes to {@code problems}. */
    public static OrderingKeys read(ReboundConfig config, Set<String> channels, List<HandlerMethod> handlers,
                                    Consumer<String> problems) {
        Map<String, Function<Message, String>> keys = new LinkedHashMap<>();
        for (String channel : channels) {
            String property = ConfigSettings.channel(config, channel).property(PROPERTY);
            String value = config.get(property).orElse(null);
            if (value == null) {
                continue;
            }
            try {
                keys.put(channel, resolve(config, channel, property, value, handlers));
            } catch (IllegalArgumentException misconfigured) {
                problems.accept(misconfigured.getMessage());
            }
        }
        return keys.isEmpty() ? NONE : new OrderingKeys(keys);
    }

    /** The channels with an ordering key. */
    public Set<String> channels() {
        return new TreeSet<>(byChannel.keySet());
    }

    /**
     * The envelope as it is sent to {@code channel}: with the channel's key of its message in its metadata; as it is
     * when the channel has no ordering key or the message no key (a header absent, a property {@code null}: it is
     * then ordered with no other message) and when it has that key already (a retry, a relay).
     */
    public Envelope stamp(String channel, Envelope envelope) {
        Function<Message, String> key = byChannel.get(channel);
        if (key == null) {
            return envelope;
        }
        Message message = envelope.message();
        String value = key.apply(message);
        if (value == null || value.equals(envelope.orderingKey())) {
            return envelope;
        }
        MessageHeaders h = message.headers();
        Map<String, String> metadata = new HashMap<>(h.metadata());
        metadata.put(Envelope.ORDERING_KEY, value);
        MessageHeaders keyed = new MessageHeaders(h.messageId(), h.correlationId(), h.causationId(), h.timestamp(),
                h.routingKey(), metadata);
        return new Envelope(new Message(message.payload(), keyed), envelope.handler(), envelope.kind(),
                envelope.attempt(), envelope.origin());
    }

    private static Function<Message, String> resolve(ReboundConfig config, String channel, String property,
                                                     String value, List<HandlerMethod> handlers) {
        if (value.startsWith(HEADER) && !value.substring(HEADER.length()).isBlank()) {
            String header = value.substring(HEADER.length()).trim();
            return message -> message.headers().get(header);
        }
        if (!value.startsWith(PAYLOAD) || value.substring(PAYLOAD.length()).isBlank()) {
            throw new IllegalArgumentException(Diagnostics.badOrderingKey(property, value));
        }
        String name = value.substring(PAYLOAD.length()).trim();
        Set<Class<?>> types = payloadTypes(channel, handlers);
        if (types.isEmpty()) {
            String relayTo = config.get(ConfigSettings.channel(config, channel).property(Outboxes.RELAY_TO))
                    .orElse(null);
            if (relayTo != null) {
                types = payloadTypes(relayTo, handlers);
            }
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException(Diagnostics.orderingKeyWithoutPayloadTypes(property, value, channel));
        }
        Map<Class<?>, MethodHandle> accessors = new LinkedHashMap<>();
        for (Class<?> type : types) {
            MethodHandle accessor = accessor(type, name);
            if (accessor == null) {
                throw new IllegalArgumentException(Diagnostics.unknownOrderingProperty(property, value,
                        type.getName(), name));
            }
            accessors.put(type, accessor);
        }
        // a payload's accessor by its class, found once per class (a subtype of a handler's parameter type)
        ClassValue<MethodHandle> byClass = new ClassValue<>() {
            @Override
            protected MethodHandle computeValue(Class<?> type) {
                for (Map.Entry<Class<?>, MethodHandle> accessor : accessors.entrySet()) {
                    if (accessor.getKey().isAssignableFrom(type)) {
                        return accessor.getValue();
                    }
                }
                return null;
            }
        };
        return message -> {
            Object payload = message.payload();
            MethodHandle accessor = payload == null ? null : byClass.get(payload.getClass());
            if (accessor == null) {
                return null;
            }
            Object key;
            try {
                key = accessor.invoke(payload);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable checked) {
                throw new IllegalStateException(checked);
            }
            return key == null ? null : key.toString();
        };
    }

    private static Set<Class<?>> payloadTypes(String channel, List<HandlerMethod> handlers) {
        Set<Class<?>> types = new java.util.LinkedHashSet<>();
        for (HandlerMethod handler : handlers) {
            if (channel.equals(handler.asyncChannel())) {
                types.add(handler.payloadType());
            }
        }
        return types;
    }

    /** A record component, a public no-argument method {@code name()} or {@code getName()}, or a public field. */
    private static MethodHandle accessor(Class<?> type, String name) {
        try {
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    if (component.getName().equals(name)) {
                        return unreflect(component.getAccessor());
                    }
                }
            }
            String getter = "get" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
            for (String candidate : List.of(name, getter)) {
                try {
                    Method method = type.getMethod(candidate);
                    if (method.getReturnType() != void.class && !Modifier.isStatic(method.getModifiers())) {
                        return unreflect(method);
                    }
                } catch (NoSuchMethodException absent) {
                    // the next candidate
                }
            }
            try {
                Field field = type.getField(name);
                if (!Modifier.isStatic(field.getModifiers())) {
                    return MethodHandles.lookup().unreflectGetter(field).asType(
                            java.lang.invoke.MethodType.methodType(Object.class, Object.class));
                }
            } catch (NoSuchFieldException absent) {
                return null;
            }
        } catch (IllegalAccessException | SecurityException inaccessible) {
            throw new IllegalArgumentException(Diagnostics.unknownOrderingProperty("rebound.channel.*.ordering-key",
                    "payload:" + name, type.getName(), name + " (not accessible: " + inaccessible + ")"),
                    inaccessible);
        }
        return null;
    }

    private static MethodHandle unreflect(Method method) throws IllegalAccessException {
        method.trySetAccessible();          // a record or a class of the application that is not public
        return MethodHandles.lookup().unreflect(method).asType(
                java.lang.invoke.MethodType.methodType(Object.class, Object.class));
    }
}
