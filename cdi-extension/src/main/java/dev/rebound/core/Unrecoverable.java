package dev.rebound.core;

import dev.rebound.NoHandlerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The exceptions that are never retried, whatever a retry's own {@code abortOn} says ({@code rebound.retry.abort-on},
 * read once at deployment): a failure of one of these types (or a subclass) skips instant and delayed retries and
 * goes straight to the error channel or dead letter. A value; thread-safe.
 *
 * <p>By default {@link NoHandlerException} only: the handlers are fixed at deployment, so a retry of the same message
 * meets the same missing handler (after a redeploy that adds one, the dead letter can be replayed). Payloads that
 * cannot be read never reach a retry at all: the transport keeps them as poison messages before any handler runs.
 * Failures that may pass on a later attempt (timeouts, optimistic locking, a database that is down) are not listed.
 *
 * @param types the exception types never retried, with their subclasses
 */
public record Unrecoverable(List<Class<? extends Throwable>> types) {

    /** Property: comma-separated exception class names, or {@code none}; replaces the default list. */
    public static final String ABORT_ON = "rebound.retry.abort-on";

    public static final Unrecoverable DEFAULT = new Unrecoverable(List.of(NoHandlerException.class));

    public Unrecoverable {
        types = List.copyOf(types);
    }

    /**
     * @param value the value of {@link #ABORT_ON}, or {@code null} for the default
     * @throws IllegalArgumentException with a deployment message naming a class that is not an exception
     */
    public static Unrecoverable of(String value, ClassLoader loader) {
        if (value == null) {
            return DEFAULT;
        }
        if (value.trim().toLowerCase(Locale.ROOT).equals("none")) {
            return new Unrecoverable(List.of());
        }
        try {
            return new Unrecoverable(types(value, loader));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Diagnostics.unknownAbortOn(ABORT_ON, value, e.getMessage()));
        }
    }

    /** Whether the failure is of one of these types. */
    public boolean matches(Throwable failure) {
        return any(types, failure);
    }

    /** Whether the failure is of one of the types (or a subclass). */
    public static boolean any(List<Class<? extends Throwable>> types, Throwable failure) {
        for (Class<? extends Throwable> type : types) {
            if (type.isInstance(failure)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The exception types of a comma-separated list of class names, loaded without initialising them.
     *
     * @throws IllegalArgumentException with the first name that is not a {@link Throwable} class as its message
     */
    @SuppressWarnings("unchecked")
    public static List<Class<? extends Throwable>> types(String names, ClassLoader loader) {
        List<Class<? extends Throwable>> types = new ArrayList<>();
        for (String name : names.split(",")) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                Class<?> type = Class.forName(trimmed, false, loader);
                if (!Throwable.class.isAssignableFrom(type)) {
                    throw new IllegalArgumentException(trimmed);
                }
                types.add((Class<? extends Throwable>) type);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalArgumentException(trimmed);
            }
        }
        return types;
    }

    /** The class loader of the application, for class names in its configuration. */
    public static ClassLoader applicationLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : Unrecoverable.class.getClassLoader();
    }
}
