package dev.rebound.faults.app;

import dev.rebound.deadletter.DeadLetterEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.jms.ConnectionFactory;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionManager;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/**
 * What a stand-alone application gives Rebound as CDI beans: the transaction manager, the XA connection factory
 * (a dependent bean, so that Rebound sees an XAConnectionFactory and not a proxy), the XA data source, and a
 * transaction-scoped EntityManager, which also carries the "during dead-lettering" fault point.
 */
@ApplicationScoped
public class AppResources {

    @Produces
    TransactionManager transactionManager() {
        return FaultApp.resources().tm();
    }

    @Produces
    ConnectionFactory connectionFactory() {
        return FaultApp.resources().connectionFactory();
    }

    @Produces
    DataSource dataSource() {
        return FaultApp.resources().dataSource();
    }

    @Produces
    FaultPlan plan() {
        return FaultApp.resources().plan();
    }

    @Produces
    AppState state() {
        return FaultApp.resources().state();
    }

    @Produces
    HandlerCalls calls() {
        return FaultApp.resources().calls();
    }

    @Produces
    EntityManager entityManager() {
        SessionFactory sessions = FaultApp.resources().sessions();
        FaultPlan plan = FaultApp.resources().plan();
        return (EntityManager) Proxy.newProxyInstance(AppResources.class.getClassLoader(),
                new Class<?>[] {EntityManager.class}, (proxy, method, args) -> {
                    Session session = sessions.getCurrentSession();
                    try {
                        Object result = method.invoke(session, args);
                        if ("persist".equals(method.getName()) && args[0] instanceof DeadLetterEntity) {
                            session.flush();
                            String key = Current.keyIn(body((DeadLetterEntity) args[0]));
                            Current.DEAD_LETTER_KEY.set(key);
                            plan.at(Point.DURING_DEAD_LETTER, key != null ? key : Current.KEY.get());
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The stored body of Rebound's entity (package-private field: read it the way the JPA provider does). */
    private static String body(DeadLetterEntity entity) {
        try {
            java.lang.reflect.Field body = DeadLetterEntity.class.getDeclaredField("body");
            body.setAccessible(true);
            return (String) body.get(entity);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
