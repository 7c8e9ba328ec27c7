package dev.rebound.deadletter;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The classes a stored payload may be read back into: those that handlers declare as their payload
 * parameter, and their subclasses. A type name that is none of these is refused without being
 * initialized, so stored data can never make Rebound instantiate an arbitrary class.
 */
public final class PayloadTypes {

    private final Map<String, Class<?>> declared;
    private final Map<String, Optional<Class<?>>> resolved = new ConcurrentHashMap<>();

    public PayloadTypes(Set<Class<?>> handlerPayloadTypes) {
        this.declared = handlerPayloadTypes.stream().filter(t -> !t.isPrimitive())
                .collect(Collectors.toUnmodifiableMap(Class::getName, Function.identity(), (a, b) -> a));
    }

    /** The allowed class of this name, if any. */
    public Optional<Class<?>> resolve(String name) {
        Class<?> exact = declared.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        return name == null ? Optional.empty() : resolved.computeIfAbsent(name, this::subtype);
    }

    private Optional<Class<?>> subtype(String name) {
        for (Class<?> type : declared.values()) {
            if (type == Object.class || type.getName().startsWith("java.")) {
                continue;
            }
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
