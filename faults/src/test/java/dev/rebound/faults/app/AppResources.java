package dev.rebound.faults.app;

import dev.rebound.deadletter.DeadLetterEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.jms.ConnectionFactory;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
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
                            deadLetterWritten(plan, body((DeadLetterEntity) args[0]));
                        }
                        if ("createNativeQuery".equals(method.getName()) && args[0] instanceof String sql
                                && sql.startsWith("INSERT INTO rebound_dead_letter ")) {
                            return deadLetterInsert((Query) result, plan);
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void deadLetterWritten(FaultPlan plan, String body) {
        String key = Current.keyIn(body);
        Current.DEAD_LETTER_KEY.set(key);
        plan.at(Point.DURING_DEAD_LETTER, key != null ? key : Current.KEY.get());
    }

    /**
     * The store's insert of a new dead letter on PostgreSQL (a native INSERT ... ON CONFLICT DO NOTHING): the point
     * is reached once the row is written, as after the persist elsewhere; the key is in the bound body.
     */
    private static Query deadLetterInsert(Query insert, FaultPlan plan) {
        java.util.List<Object> values = new java.util.ArrayList<>();
        return (Query) Proxy.newProxyInstance(AppResources.class.getClassLoader(), new Class<?>[] {Query.class},
                (proxy, method, args) -> {
                    try {
                        if ("setParameter".equals(method.getName()) && args.length == 2) {
                            values.add(args[1]);
                        }
                        Object result = method.invoke(insert, args);
                        if ("executeUpdate".equals(method.getName()) && Integer.valueOf(1).equals(result)) {
                            deadLetterWritten(plan, values.stream().map(String::valueOf)
                                    .filter(value -> Current.keyIn(value) != null).findFirst().orElse(null));
                        }
                        return result instanceof Query ? proxy : result;
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
