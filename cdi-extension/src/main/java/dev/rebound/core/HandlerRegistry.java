package dev.rebound.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * All handlers of the application, indexed by kind, payload type and routing key. Built once at
 * deployment; lookups by a payload class are computed once per class and cached. Thread-safe after
 * construction.
 */
public final class HandlerRegistry {

    private final Map<HandlerKind, List<HandlerMethod>> byKind = new HashMap<>();
    private final Map<HandlerKind, Map<String, List<HandlerMethod>>> byKey = new HashMap<>();
    private final Map<String, HandlerMethod> byId = new HashMap<>();
    private final Map<HandlerKind, Map<Class<?>, List<HandlerMethod>>> typeCache = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    public HandlerRegistry(Collection<HandlerMethod> handlers) {
        for (HandlerKind kind : HandlerKind.values()) {
            byKind.put(kind, new ArrayList<>());
            byKey.put(kind, new LinkedHashMap<>());
            typeCache.put(kind, new ConcurrentHashMap<>());
        }
        handlers.forEach(this::add);
    }

    private void add(HandlerMethod handler) {
        HandlerKind kind = handler.kind();
        if (handler.routingKey() != null) {
            List<HandlerMethod> same = byKey.get(kind).computeIfAbsent(handler.routingKey(), k -> new ArrayList<>());
            if (kind.single() && !same.isEmpty()) {
                problems.add(Diagnostics.duplicateHandler(kind, "routing key '" + handler.routingKey() + "'",
                        same.get(0).id(), handler.id()));
            }
            same.add(handler);
        } else {
            for (HandlerMethod other : byKind.get(kind)) {
                if (kind.single() && other.routingKey() == null && other.payloadType() == handler.payloadType()) {
                    problems.add(Diagnostics.duplicateHandler(kind, handler.payloadType().getName(), other.id(),
                            handler.id()));
                }
            }
        }
        byKind.get(kind).add(handler);
        byId.putIfAbsent(handler.id(), handler);
    }

    /** Definition problems found while indexing (duplicate handlers), as messages. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * Handlers for a message on a route: by routing key when the route has one, otherwise those of the
     * kind whose payload parameter accepts the payload's class, most specific first.
     */
    public List<HandlerMethod> resolve(Route route, Class<?> payloadClass) {
        if (route.key() != null) {
            return byKey.get(route.kind()).getOrDefault(route.key(), List.of());
        }
        Map<Class<?>, List<HandlerMethod>> cache = typeCache.get(route.kind());
        List<HandlerMethod> found = cache.get(payloadClass);    // a hit allocates nothing (no capturing lambda)
        return found != null ? found : cache.computeIfAbsent(payloadClass, c -> byType(route.kind(), c));
    }

    private List<HandlerMethod> byType(HandlerKind kind, Class<?> payloadClass) {
        List<HandlerMethod> exact = new ArrayList<>();
        List<HandlerMethod> assignable = new ArrayList<>();
        for (HandlerMethod handler : byKind.get(kind)) {
            if (handler.routingKey() != null) {
                continue;
            }
            if (handler.payloadType() == payloadClass) {
                exact.add(handler);
            } else if (handler.payloadType().isAssignableFrom(payloadClass)) {
                assignable.add(handler);
            }
        }
        if (kind.single()) {
            return !exact.isEmpty() ? List.of(exact.get(0))
                    : assignable.isEmpty() ? List.of() : List.of(assignable.get(0));
        }
        exact.addAll(assignable);
        return List.copyOf(exact);
    }

    public Optional<HandlerMethod> byId(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    public List<HandlerMethod> all(HandlerKind kind) {
        return List.copyOf(byKind.get(kind));
    }

    /** Names of the channels that {@code @InternalHandler}s listen on. */
    public Set<String> internalChannels() {
        return new LinkedHashSet<>(byKey.get(HandlerKind.INTERNAL).keySet());
    }

    /** Routing keys registered for a kind. */
    public Set<String> routingKeys(HandlerKind kind) {
        return byKey.get(kind).keySet();
    }

    /** Every payload type a handler declares, for reading stored payloads back safely. */
    public Set<Class<?>> payloadTypes() {
        Set<Class<?>> types = new LinkedHashSet<>();
        byKind.values().forEach(list -> list.forEach(h -> types.add(h.payloadType())));
        return types;
    }
}
