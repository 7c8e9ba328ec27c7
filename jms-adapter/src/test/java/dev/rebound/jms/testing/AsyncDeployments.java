package dev.rebound.jms.testing;

import dev.rebound.testing.Deployments;
import dev.rebound.testsupport.ReboundTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;

/** A Weld deployment with the broker, short timeouts for tests, and the given classes and config. */
public final class AsyncDeployments {

    /** Set by the build to run every scenario in another consumer transaction mode. */
    public static final String MODE = "test.jms.transactions";

    private AsyncDeployments() {
    }

    /** Whether the consumers receive, handle and acknowledge in one JTA transaction in this run. */
    public static boolean oneTransaction() {
        return !"local".equals(System.getProperty(MODE));
    }

    public static Weld weld(Map<String, String> config, Class<?>... classes) {
        return weld(config, Map.of(), classes);
    }

    /** Like {@link #weld(Map, Class[])}, with environment variables offered as Open Liberty does. */
    public static Weld weld(Map<String, String> config, Map<String, String> environment, Class<?>... classes) {
        Map<String, String> all = new HashMap<>(new Async().config());
        all.putAll(config);
        return Deployments.weld(all, environment, classes).addBeanClasses(JmsResources.class);
    }

    /**
     * The same for a {@code @ReboundTest(profile = Async.class)}: the broker's connection factory, short timeouts
     * for tests, the run's consumer transaction mode.
     */
    public static final class Async implements ReboundTest.Profile {

        @Override
        public List<Class<?>> beans() {
            return List.of(JmsResources.class);
        }

        @Override
        public Map<String, String> config() {
            Map<String, String> config = new HashMap<>(Map.of("rebound.jms.receive-timeout-ms", "100",
                    "rebound.jms.failure-pause-ms", "100", "rebound.jms.shutdown-timeout-ms", "2000",
                    "rebound.jms.unrouted-delay-ms", "300"));
            String mode = System.getProperty(MODE);
            if (mode != null) {
                config.put("rebound.jms.transactions", mode);
            }
            return config;
        }
    }
}
