package dev.rebound.jms;

import dev.rebound.testsupport.Jta;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;

/**
 * Data sources besides the server's, named for {@code rebound.jms.decisions-datasource} (and qualified, so that the
 * server's stays the only default one): {@code empty}, a Derby database without Rebound's tables; {@code counted},
 * the tests' pool, counting the connections taken from it.
 */
@ApplicationScoped
public class OtherDataSources {

    static {
        System.setProperty("derby.stream.error.file", "target/derby.log");
    }

    @Qualifier
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE})
    public @interface Other {
    }

    /** Connections taken from {@code counted}. */
    public static final AtomicInteger CONNECTIONS = new AtomicInteger();

    @Produces
    @Named("empty")
    @Other
    DataSource empty() {
        EmbeddedDataSource derby = new EmbeddedDataSource();
        derby.setDatabaseName("memory:no-rebound-tables");
        derby.setCreateDatabase("create");
        return derby;
    }

    @Produces
    @Named("counted")
    @Other
    DataSource counted() {
        DataSource pool = Jta.dataSource();
        return (DataSource) Proxy.newProxyInstance(OtherDataSources.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        CONNECTIONS.incrementAndGet();
                    }
                    try {
                        return method.invoke(pool, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
