package dev.rebound.jms.testing;

import dev.rebound.cdi.ReboundExtension;
import dev.rebound.testing.Deployments;
import java.util.HashMap;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;

/** A Weld deployment with the broker, short timeouts for tests, and the given classes and config. */
public final class AsyncDeployments {

    private AsyncDeployments() {
    }

    public static Weld weld(Map<String, String> config, Class<?>... classes) {
        Map<String, String> all = new HashMap<>(Map.of("rebound.jms.receive-timeout-ms", "100",
                "rebound.jms.failure-pause-ms", "100", "rebound.jms.shutdown-timeout-ms", "2000",
                "rebound.jms.unrouted-delay-ms", "300"));
        all.putAll(config);
        return Deployments.weld(all, classes).addBeanClasses(JmsResources.class);
    }

    public static ReboundExtension extension(org.jboss.weld.junit5.WeldInitiator weld) {
        return weld.getBeanManager().getExtension(ReboundExtension.class);
    }
}
