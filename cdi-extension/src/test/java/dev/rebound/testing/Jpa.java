package dev.rebound.testing;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.hibernate.SessionFactory;

/**
 * Hibernate on the JTA data source, and an EntityManager that behaves like a container-managed,
 * transaction-scoped one: each call goes to the persistence context of the current JTA transaction.
 */
public final class Jpa {

    private static EntityManagerFactory factory;

    private Jpa() {
    }

    public static synchronized EntityManagerFactory factory() {
        if (factory == null) {
            factory = Persistence.createEntityManagerFactory("rebound-test", Map.of(
                    "jakarta.persistence.jtaDataSource", Jta.dataSource(),
                    "hibernate.transaction.jta.platform",
                    "org.hibernate.engine.transaction.jta.platform.internal.JBossStandAloneJtaPlatform",
                    "hibernate.current_session_context_class", "jta"));
        }
        return factory;
    }

    public static EntityManager transactionScoped() {
        SessionFactory sessions = factory().unwrap(SessionFactory.class);
        return (EntityManager) Proxy.newProxyInstance(Jpa.class.getClassLoader(),
                new Class<?>[] {EntityManager.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(sessions.getCurrentSession(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
