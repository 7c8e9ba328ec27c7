package dev.rebound.database.testing;

import dev.rebound.testing.Deployments;
import dev.rebound.testsupport.Jta;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.jboss.weld.environment.se.Weld;

/** Rebound on the database transport, on PostgreSQL (the server's DataSource) or on Derby, with short pauses. */
public final class DatabaseDeployments {

    private DatabaseDeployments() {
    }

    /** The settings of every test deployment: short pauses and poll, a short lease for the lease path. */
    public static Map<String, String> testSettings() {
        return Map.of("rebound.database.poll-interval-ms", "200", "rebound.database.failure-pause-ms", "100",
                "rebound.database.shutdown-timeout-ms", "2000", "rebound.database.lease-ms", "5000");
    }

    public static Weld weld(boolean derby, Map<String, String> config, Class<?>... classes) {
        Map<String, String> all = new HashMap<>(testSettings());
        if (derby) {
            all.put("rebound.database.datasource", DerbyResources.NAME);
        }
        all.putAll(config);
        Weld weld = Deployments.weld(all, classes);
        return derby ? weld.addBeanClasses(DerbyResources.class) : weld;
    }

    /** The data source the channels of {@link #weld} write to. */
    public static DataSource dataSource(boolean derby) {
        return derby ? Derby.dataSource() : Jta.dataSource();
    }
}
