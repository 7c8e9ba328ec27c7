package dev.rebound.deadletter;

import dev.rebound.core.Diagnostics;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The classes a stored payload may be read back into: those that handlers declare as their payload
 * parameter, and their subclasses. A type name that is none of these is refused without being
 * initialized, so stored data can never make Rebound instantiate an arbitrary class.
 *
 * <p>Memory stays bounded whatever names producers send. The declared types and their permitted subclasses
 * (sealed hierarchies) are known at deployment. Any other name needs a class lookup, and each name a class
 * loader is asked for stays in its lock table for good; so at most {@value #MAX_LOOKUPS} distinct unknown names
 * are looked up, those found are kept, and after that unknown names are refused without a lookup
 * ({@code REBOUND-1034}, logged once). A subclass of a handler's payload type that is not sealed is thus
 * resolved if it is among the first names met, as it is when the application's own messages come first.
 */
public final class PayloadTypes {

    private static final Logger LOG = Logger.getLogger(PayloadTypes.class.getName());

    /** Distinct names outside the declared types that may be looked up in a class loader. */
    public static final int MAX_LOOKUPS = 1000;

    private final Map<String, Class<?>> declared;
    /** The declared types whose subclasses are looked up (not {@code Object}, nor JDK types). */
    private final List<Class<?>> roots;
    private final Map<String, Class<?>> found = new ConcurrentHashMap<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final AtomicInteger lookups = new AtomicInteger();

    public PayloadTypes(Set<Class<?>> handlerPayloadTypes) {
        Map<String, Class<?>> types = new HashMap<>();
        Deque<Class<?>> pending = new ArrayDeque<>(handlerPayloadTypes);
        while (!pending.isEmpty()) {
            Class<?> type = pending.poll();
            if (!type.isPrimitive() && types.putIfAbsent(type.getName(), type) == null && type.isSealed()) {
                for (Class<?> permitted : type.getPermittedSubclasses()) {
                    pending.add(permitted);
                }
            }
        }
        this.declared = Map.copyOf(types);
        this.roots = declared.values().stream()
                .filter(type -> type != Object.class && !type.getName().startsWith("java.")).toList();
    }

    /** The allowed class of this name, if any. */
    public Optional<Class<?>> resolve(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Class<?> known = declared.get(name);
        if (known == null) {
            known = found.get(name);
        }
        if (known != null) {
            return Optional.of(known);
        }
        if (roots.isEmpty() || refused.contains(name) || !mayLookUp()) {
            return Optional.empty();
        }
        Optional<Class<?>> subtype = subtype(name);
        subtype.ifPresentOrElse(type -> found.put(name, type), () -> refused.add(name));
        return subtype;
    }

    /** Takes one lookup from the budget; logs once when it runs out. */
    private boolean mayLookUp() {
        int taken = lookups.getAndIncrement();
        if (taken == MAX_LOOKUPS) {
            LOG.warning(Diagnostics.payloadTypeLookupsExhausted(MAX_LOOKUPS));
        }
        if (taken >= MAX_LOOKUPS) {
            lookups.set(MAX_LOOKUPS + 1);
            return false;
        }
        return true;
    }

    private Optional<Class<?>> subtype(String name) {
        for (Class<?> type : roots) {
            try {
                Class<?> candidate = Class.forName(name, false, type.getClassLoader());
                if (type.isAssignableFrom(candidate)) {
                    return Optional.of(candidate);
                }
            } catch (ClassNotFoundException | LinkageError notThere) {
                // not visible from this handler's class loader; try the next
            }
        }
        return Optional.empty();
    }
}
