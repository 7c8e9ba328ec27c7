package dev.rebound.testsupport.liberty;

import dev.rebound.testsupport.Ddl;
import java.io.File;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds a test WAR for Open Liberty the way an application packages Rebound: the api, cdi-extension and
 * jms-adapter jars (and any other) in WEB-INF/lib, configuration in META-INF/microprofile-config.properties, a JTA
 * persistence unit on jdbc/ReboundDS listing the dead letter entity, the container-managed EntityManager as a CDI
 * bean ({@link Persistence}) and the schema created at start ({@link Schema}). Runs on the client side only.
 */
public final class TestWar {

    private static final String JMS_ADAPTER = "rebound-jms-adapter.jar";

    private final WebArchive war;
    /** Jar name to a class it contains: found on the test class path (the reactor's or ~/.m2's). */
    private final Map<String, String> libraries = new LinkedHashMap<>();
    private final Map<String, String> config = new LinkedHashMap<>();
    private final List<String> tables = new ArrayList<>();
    private final List<String> entities = new ArrayList<>();

    private TestWar(String name) {
        war = ShrinkWrap.create(WebArchive.class, name + ".war")
                // CDI 4's default discovery (an empty beans.xml means "annotated"), as a new application has it
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addClasses(Persistence.class, Schema.class, Ddl.class);
        libraries.put("rebound-api.jar", "dev.rebound.CommandBus");
        libraries.put("rebound-cdi-extension.jar", "dev.rebound.cdi.ReboundExtension");
        libraries.put(JMS_ADAPTER, "dev.rebound.jms.JmsTransport");
        config.put("rebound.jms.connection-factory", "jms/ReboundCF");
        // short receive timeouts: consumers notice an undeploy quickly, so the next WAR's consumers own the queues
        config.put("rebound.jms.receive-timeout-ms", "200");
        config.put("rebound.jms.failure-pause-ms", "200");
    }

    /** A WAR with the api, cdi-extension and jms-adapter jars. */
    public static TestWar named(String name) {
        return new TestWar(name);
    }

    /** Leaves the JMS adapter out, as an application with synchronous gateways only would. */
    public TestWar withoutJmsAdapter() {
        libraries.remove(JMS_ADAPTER);
        return this;
    }

    /** One more jar in WEB-INF/lib, found on the test class path through a class it contains. */
    public TestWar library(String jarName, String markerClass) {
        libraries.put(jarName, markerClass);
        return this;
    }

    public TestWar classes(Class<?>... classes) {
        war.addClasses(classes);
        return this;
    }

    /** Leaves out a class added before (e.g. {@link Persistence}, to have no EntityManager bean). */
    public TestWar without(Class<?> supportClass) {
        war.deleteClass(supportClass);
        return this;
    }

    public TestWar packageOf(Class<?> type) {
        war.addPackage(type.getPackage());
        return this;
    }

    /** A MicroProfile Config property of the application. */
    public TestWar config(String key, Object value) {
        config.put(key, String.valueOf(value));
        return this;
    }

    /** Maps channel {@code channel} to the messaging engine queue {@code queue} (declared in server.xml). */
    public TestWar queue(String channel, String queue) {
        return config("rebound.channel." + channel + ".queue", queue);
    }

    /** A table of the test's own, created by {@link Schema} after Rebound's. */
    public TestWar table(String createTable) {
        tables.add(createTable);
        return this;
    }

    /** An entity of the test's own, listed in the persistence unit (its table comes from {@link #table}). */
    public TestWar entity(Class<?> entity) {
        war.addClass(entity);
        entities.add(entity.getName());
        return this;
    }

    public WebArchive build() {
        StringBuilder classes = new StringBuilder();
        entities.forEach(e -> classes.append("    <class>").append(e).append("</class>\n"));
        war.addAsResource(new StringAsset(PERSISTENCE.replace("    <!-- classes -->\n", classes.toString())),
                "META-INF/persistence.xml");
        libraries.forEach((jar, marker) -> war.addAsLibrary(jar(jar, marker)));
        if (!tables.isEmpty()) {
            war.addAsResource(new StringAsset(String.join(";\n", tables) + ";\n"), Schema.TABLES);
        }
        StringBuilder properties = new StringBuilder();
        config.forEach((k, v) -> properties.append(k).append('=').append(v).append('\n'));
        return war.addAsResource(new StringAsset(properties.toString()), "META-INF/microprofile-config.properties");
    }

    /** The persistence unit an application writes (docs/persistence.md); the table comes from {@link Schema}. */
    private static final String PERSISTENCE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.0">
              <persistence-unit name="rebound-test" transaction-type="JTA">
                <jta-data-source>jdbc/ReboundDS</jta-data-source>
                <mapping-file>META-INF/rebound-orm.xml</mapping-file>
                <!-- classes -->
                <exclude-unlisted-classes>true</exclude-unlisted-classes>
              </persistence-unit>
            </persistence>
            """;

    private static JavaArchive jar(String jarName, String markerClass) {
        File location;
        try {
            location = new File(Class.forName(markerClass).getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("Cannot find " + jarName + " on the test class path", e);
        }
        // a reactor build that stops before 'package' resolves modules to their classes directories
        return location.isDirectory()
                ? ShrinkWrap.create(ExplodedImporter.class, jarName).importDirectory(location).as(JavaArchive.class)
                : ShrinkWrap.createFromZipFile(JavaArchive.class, location).as(JavaArchive.class);
    }
}
