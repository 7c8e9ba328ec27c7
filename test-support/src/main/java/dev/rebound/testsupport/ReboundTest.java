package dev.rebound.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that runs against a real CDI container, as an application outside a server would: before each test the
 * tables are emptied ({@code rebound_dead_letter} and {@link #tables()} on {@link Postgres#server()}), the
 * {@link #config()} becomes the application's MicroProfile Config, and Weld SE starts with Rebound's CDI extensions
 * (those the test class path's META-INF/services lists in package {@code dev.rebound}), the {@link #beans()} and
 * {@link ServerResources} (what a server gives: TransactionManager, EntityManager, DataSource); the test instance's
 * {@code @Inject} fields are injected. After each test the container stops.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ReboundTestExtension.class)
public @interface ReboundTest {

    /** The test's bean classes. */
    Class<?>[] beans() default {};

    /** Configuration properties, each {@code key=value}. */
    String[] config() default {};

    /** The test's own tables, emptied before each test besides Rebound's. */
    String[] tables() default {};

    /** What every deployment of a module's tests has besides (e.g. a broker's connection factory, short timeouts). */
    Class<? extends Profile> profile() default Profile.None.class;

    /**
     * Beans and configuration that a module's tests add to every deployment; {@link #config()} wins over the
     * profile's. Made with its no-argument constructor, for each test.
     */
    interface Profile {

        default List<Class<?>> beans() {
            return List.of();
        }

        default Map<String, String> config() {
            return Map.of();
        }

        /** No additions. */
        final class None implements Profile {
        }
    }
}
