package dev.rebound.testsupport;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.hibernate.SessionFactory;

/**
 * Hibernate on {@link Jta#dataSource()}, and an EntityManager that behaves like a container-managed,
 * transaction-scoped one: each call goes to the persistence context of the current JTA transaction. The
 * persistence unit is the test class path's {@value #UNIT} (a module's test persistence.xml lists its entities).
 */
public final class Jpa {

    public static final String UNIT = "rebound-test";

    private static EntityManagerFactory factory;

    private Jpa() {
    }

    public static synchronized EntityManagerFactory factory() {
        if (factory == null) {
            factory = Persistence.createEntityManagerFactory(UNIT, Map.of(
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
