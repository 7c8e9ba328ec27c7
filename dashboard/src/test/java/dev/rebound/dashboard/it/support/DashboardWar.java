package dev.rebound.dashboard.it.support;

import dev.rebound.dashboard.it.shop.Ledger;
import dev.rebound.dashboard.it.shop.PostEntry;
import dev.rebound.dashboard.it.shop.ShipOrder;
import dev.rebound.dashboard.it.shop.Shipping;
import dev.rebound.dashboard.it.shop.ShopApi;
import dev.rebound.dashboard.it.shop.ShopApplication;
import java.io.File;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A test WAR packaged as an application uses the dashboard: Rebound's jars and the dashboard jar in WEB-INF/lib,
 * a small shop (asynchronous shipping with a dead letter, a ledger that stops on failure) with a test-only REST
 * API to drive it, the dead letter persistence unit on Derby, and configuration.
 */
public final class DashboardWar {

    private static final Map<String, String> LIBRARIES = Map.of(
            "rebound-api.jar", "dev.rebound.CommandBus",
            "rebound-cdi-extension.jar", "dev.rebound.cdi.ReboundExtension",
            "rebound-jms-adapter.jar", "dev.rebound.jms.JmsTransport",
            "rebound-dashboard.jar", "dev.rebound.dashboard.DashboardApplication");

    private final WebArchive war;
    private final Map<String, String> config = new LinkedHashMap<>();

    private DashboardWar(String name) {
        war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsResource(new StringAsset(PERSISTENCE), "META-INF/persistence.xml")
                .addClasses(Persistence.class, Schema.class, ShopApplication.class, ShopApi.class, Shipping.class,
                        ShipOrder.class, Ledger.class, PostEntry.class);
        LIBRARIES.forEach((jar, marker) -> war.addAsLibrary(library(jar, marker)));
        config.put("rebound.jms.connection-factory", "jms/ReboundCF");
        config.put("rebound.jms.receive-timeout-ms", "200");
        config.put("rebound.jms.failure-pause-ms", "200");
        config.put("rebound.dashboard.enabled", "true");
    }

    /** A WAR whose shop consumes from the given queues of the server's messaging engine. */
    public static DashboardWar named(String name, String shippingQueue, String ledgerQueue) {
        return new DashboardWar(name).config("rebound.channel.shipping.queue", shippingQueue)
                .config("rebound.channel.ledger.queue", ledgerQueue);
    }

    public DashboardWar config(String key, Object value) {
        config.put(key, String.valueOf(value));
        return this;
    }

    public WebArchive build() {
        StringBuilder properties = new StringBuilder();
        config.forEach((k, v) -> properties.append(k).append('=').append(v).append('\n'));
        return war.addAsResource(new StringAsset(properties.toString()), "META-INF/microprofile-config.properties");
    }

    private static final String PERSISTENCE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.0">
              <persistence-unit name="dashboard" transaction-type="JTA">
                <jta-data-source>jdbc/ReboundDS</jta-data-source>
                <class>dev.rebound.deadletter.DeadLetterEntity</class>
                <exclude-unlisted-classes>true</exclude-unlisted-classes>
              </persistence-unit>
            </persistence>
            """;

    private static JavaArchive library(String jarName, String markerClass) {
        File location;
        try {
            location = new File(Class.forName(markerClass).getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("Cannot find " + jarName + " on the test class path", e);
        }
        return location.isDirectory()
                ? ShrinkWrap.create(ExplodedImporter.class, jarName).importDirectory(location).as(JavaArchive.class)
                : ShrinkWrap.createFromZipFile(JavaArchive.class, location).as(JavaArchive.class);
    }
}
