package dev.rebound.core;

import dev.rebound.StaleVersionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Tells an optimistic-lock conflict (another transaction changed the row since it was read: a retry in a fresh
 * transaction may pass) from any other failure, without a compile dependency on a JPA provider: the exception
 * types are looked up by name once, at deployment, and those the class path does not have are left out. A value;
 * thread-safe.
 *
 * <p>A conflict is one of these types anywhere in the failure's causes or suppressed exceptions: a flush at commit
 * fails inside {@code jakarta.transaction.RollbackException} or {@code jakarta.persistence.RollbackException}, and
 * providers wrap their own exceptions in JPA's. A {@link StaleVersionException} anywhere in them means "never
 * retry", whatever else is there.
 */
public final class OptimisticLocks {

    /** The conflict types Rebound knows: JPA's, Hibernate's, EclipseLink's. */
    public static final List<String> TYPES = List.of(
            "jakarta.persistence.OptimisticLockException",
            "org.hibernate.StaleStateException",
            "org.hibernate.StaleObjectStateException",
            "org.hibernate.dialect.lock.OptimisticEntityLockException",
            "org.eclipse.persistence.exceptions.OptimisticLockException");

    /** Causes deeper than this are not looked at (a chain that long is a bug, not a conflict). */
    private static final int MAX_DEPTH = 64;

    private final List<Class<?>> types;

    public OptimisticLocks(List<Class<?>> types) {
        this.types = List.copyOf(types);
    }

    /**
     * The {@link #TYPES} that {@code loader} (or Rebound's own loader) can load, and Rebound's own conflict: two
     * claims of one deduplication key at once ({@link ConcurrentClaimException}).
     */
    public static OptimisticLocks resolve(ClassLoader loader) {
        List<Class<?>> found = new ArrayList<>();
        found.add(ConcurrentClaimException.class);
        for (String name : TYPES) {
            Class<?> type = load(name, loader);
            if (type == null) {
                type = load(name, OptimisticLocks.class.getClassLoader());
            }
            if (type != null && !found.contains(type)) {
                found.add(type);
            }
        }
        return new OptimisticLocks(found);
    }

    /** Whether a retry in a fresh transaction may pass: a conflict, and no {@link StaleVersionException}. */
    public boolean conflict(Throwable failure) {
        if (types.isEmpty()) {
            return false;
        }
        boolean conflict = false;
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> pending = new ArrayList<>(List.of(failure));
        while (!pending.isEmpty() && seen.size() < MAX_DEPTH) {
            Throwable current = pending.remove(pending.size() - 1);
            if (current == null || !seen.add(current)) {
                continue;
            }
            if (current instanceof StaleVersionException) {
                return false;
            }
            conflict = conflict || isConflict(current);
            pending.add(current.getCause());
            pending.addAll(List.of(current.getSuppressed()));
        }
        return conflict;
    }

    /** Whether the failure, or one of its causes, says the expected version is stale: never retried. */
    public static boolean stale(Throwable failure) {
        int depth = 0;
        for (Throwable current = failure; current != null && depth < MAX_DEPTH; current = current.getCause()) {
            if (current instanceof StaleVersionException) {
                return true;
            }
            if (current.getCause() == current) {
                break;
            }
            depth++;
        }
        return false;
    }

    private boolean isConflict(Throwable failure) {
        for (Class<?> type : types) {
            if (type.isInstance(failure)) {
                return true;
            }
        }
        return false;
    }

    private static Class<?> load(String name, ClassLoader loader) {
        if (loader == null) {
            return null;
        }
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;     // that provider is not there: its exceptions cannot occur
        }
    }
}
