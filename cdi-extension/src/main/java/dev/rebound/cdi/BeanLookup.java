package dev.rebound.cdi;

import dev.rebound.core.Diagnostics;
import dev.rebound.core.Lazy;
import dev.rebound.core.tx.Transactions;
import dev.rebound.deadletter.JpaDeadLetterStore;
import dev.rebound.spi.DeadLetterStore;
import dev.rebound.spi.TransportFactory;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionManager;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Set;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** Finds what Rebound needs from the application and the container. Called once per thing, lazily. */
final class BeanLookup {

    private final BeanManager beans;
    private final Iterable<TransportFactory> transports;

    /** @param transports the transports to choose from, or {@code null} for those on the class path */
    BeanLookup(BeanManager beans, Iterable<TransportFactory> transports) {
        this.beans = beans;
        this.transports = transports;
    }

    /** The transports to choose from: every {@link TransportFactory} on the class path ({@link java.util.ServiceLoader}). */
    Iterable<TransportFactory> transportFactories() {
        return transports != null ? transports
                : java.util.ServiceLoader.load(TransportFactory.class, BeanLookup.class.getClassLoader());
    }

    <T> T reference(Bean<?> bean, Type type) {
        @SuppressWarnings("unchecked")
        T reference = (T) beans.getReference(bean, type, beans.createCreationalContext(bean));
        return reference;
    }

    Object handlerTarget(Bean<?> bean) {
        Type type = bean.getTypes().contains(bean.getBeanClass()) ? bean.getBeanClass() : Object.class;
        return reference(bean, type);
    }

    <T> T single(Class<T> type, java.lang.annotation.Annotation... qualifiers) {
        Set<Bean<?>> candidates = beans.getBeans(type, qualifiers);
        return candidates.isEmpty() ? null : reference(beans.resolve(candidates), type);
    }

    /** Every bean of the type, as references. */
    <T> List<T> all(Class<T> type) {
        List<T> found = new java.util.ArrayList<>();
        for (Bean<?> bean : beans.getBeans(type)) {
            found.add(reference(bean, type));
        }
        return found;
    }

    /**
     * Every bean of the type, as references, ordered by the {@code @Priority} of the bean class (ascending; none is
     * {@code defaultPriority}), then by class name: a stable order for interceptors.
     */
    <T> List<T> allByPriority(Class<T> type, int defaultPriority) {
        List<Bean<?>> found = new java.util.ArrayList<>(beans.getBeans(type));
        found.sort(java.util.Comparator.<Bean<?>>comparingInt(bean -> priority(bean, defaultPriority))
                .thenComparing(bean -> bean.getBeanClass().getName()));
        List<T> references = new java.util.ArrayList<>();
        for (Bean<?> bean : found) {
            references.add(reference(bean, type));
        }
        return references;
    }

    private static int priority(Bean<?> bean, int defaultPriority) {
        if (bean instanceof jakarta.enterprise.inject.spi.Prioritized prioritized) {
            return prioritized.getPriority();
        }
        jakarta.annotation.Priority priority = bean.getBeanClass().getAnnotation(jakarta.annotation.Priority.class);
        return priority == null ? defaultPriority : priority.value();
    }

    /** The container's managed thread factory, or plain daemon threads outside a server. */
    java.util.concurrent.ThreadFactory threadFactory() {
        java.util.concurrent.ThreadFactory managed = managedThreadFactory();
        if (managed != null) {
            return managed;
        }
        return runnable -> {
            Thread thread = new Thread(runnable);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** In a Jakarta EE server, which binds a default managed thread factory for every application. */
    boolean inServer() {
        return managedThreadFactory() != null;
    }

    private static java.util.concurrent.ThreadFactory managedThreadFactory() {
        try {
            Object found = new InitialContext().lookup("java:comp/DefaultManagedThreadFactory");
            return found instanceof java.util.concurrent.ThreadFactory factory ? factory : null;
        } catch (NamingException | RuntimeException notThere) {
            return null;
        }
    }

    /**
     * The container's managed executor, so that background work (bulk replays) runs with the application's
     * context; {@code null} outside a server, where the bulk replays start threads of their own and end them when
     * the application stops.
     */
    java.util.concurrent.Executor executor() {
        try {
            Object found = new InitialContext().lookup("java:comp/DefaultManagedExecutorService");
            if (found instanceof java.util.concurrent.Executor executor) {
                return executor;
            }
        } catch (NamingException | RuntimeException notThere) {
            // not in a server
        }
        return null;
    }

    boolean has(Class<?> type) {
        return !beans.getBeans(type).isEmpty();
    }

    /** The TransactionManager: a CDI bean if there is one, else from JNDI. */
    TransactionManager transactionManager() {
        TransactionManager bean = single(TransactionManager.class);
        if (bean != null) {
            return bean;
        }
        for (String name : Transactions.MANAGER_NAMES) {
            try {
                Object found = new InitialContext().lookup(name);
                if (found instanceof TransactionManager tm) {
                    return tm;
                }
            } catch (NamingException | RuntimeException notThere) {
                // try the next name
            }
        }
        throw new IllegalStateException(Diagnostics.missingTransactionManager("Rebound", Transactions.MANAGER_NAMES));
    }

    /** The application's DeadLetterStore bean if it has one, else the JPA store on its EntityManager. */
    DeadLetterStore deadLetterStore() {
        DeadLetterStore custom = single(DeadLetterStore.class);
        if (custom != null) {
            return custom;
        }
        if (!has(EntityManager.class)) {
            throw new IllegalStateException(Diagnostics.missingDeadLetterStore("The application"));
        }
        return new JpaDeadLetterStore(Lazy.of(() -> single(EntityManager.class)));
    }

    boolean canStoreDeadLetters() {
        return has(DeadLetterStore.class) || has(EntityManager.class);
    }
}
