package dev.rebound.it.support;

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
 * Builds a test WAR the way an application packages Rebound: the api, cdi-extension and jms-adapter jars in
 * WEB-INF/lib, configuration in META-INF/microprofile-config.properties, a JTA persistence unit on
 * jdbc/ReboundDS listing the dead letter entity, and the container-managed EntityManager as a CDI bean.
 * Runs on the client side only.
 */
public final class ReboundWar {

    /** Classes from the reactor (or ~/.m2), found through a class each jar contains. */
    private static final Map<String, String> REBOUND = Map.of(
            "rebound-api.jar", "dev.rebound.CommandBus",
            "rebound-cdi-extension.jar", "dev.rebound.cdi.ReboundExtension",
            "rebound-jms-adapter.jar", "dev.rebound.jms.JmsTransport");

    /** What the in-server test classes use besides JUnit (Arquillian adds JUnit itself). */
    private static final Map<String, String> TEST_LIBRARIES = Map.of(
            "assertj-core.jar", "org.assertj.core.api.Assertions",
            "awaitility.jar", "org.awaitility.Awaitility",
            "hamcrest.jar", "org.hamcrest.Matcher");

    private final WebArchive war;
    private final Map<String, String> config = new LinkedHashMap<>();

    private ReboundWar(String name, boolean withJmsAdapter) {
        war = ShrinkWrap.create(WebArchive.class, name + ".war")
                // CDI 4's default discovery (an empty beans.xml means "annotated"), as a new application has it
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsResource(new StringAsset(persistenceXml()), "META-INF/persistence.xml")
                .addClasses(Persistence.class, Schema.class, Rows.class, Fault.class, Calls.class, Queues.class);
        REBOUND.forEach((jar, marker) -> {
            if (withJmsAdapter || !jar.contains("jms")) {
                war.addAsLibrary(library(jar, marker));
            }
        });
        TEST_LIBRARIES.forEach((jar, marker) -> war.addAsLibrary(library(jar, marker)));
        config.put("rebound.jms.connection-factory", "jms/ReboundCF");
        // short receive timeouts: consumers notice an undeploy quickly, so the next WAR's consumers own the queues
        config.put("rebound.jms.receive-timeout-ms", "200");
        config.put("rebound.jms.failure-pause-ms", "200");
    }

    /** A WAR with the api, cdi-extension and jms-adapter jars. */
    public static ReboundWar named(String name) {
        return new ReboundWar(name, true);
    }

    /** A WAR without the JMS adapter, as an application with synchronous gateways only would have. */
    public static ReboundWar withoutJms(String name) {
        return new ReboundWar(name, false);
    }

    public ReboundWar classes(Class<?>... classes) {
        war.addClasses(classes);
        return this;
    }

    /** Leaves out one of the support classes (e.g. {@link Persistence}, to have no EntityManager bean). */
    public ReboundWar without(Class<?> supportClass) {
        war.deleteClass(supportClass);
        return this;
    }

    public ReboundWar packageOf(Class<?> type) {
        war.addPackage(type.getPackage());
        return this;
    }

    /** A MicroProfile Config property of the application. */
    public ReboundWar config(String key, Object value) {
        config.put(key, String.valueOf(value));
        return this;
    }

    /** Maps channel {@code channel} to the messaging engine queue {@code queue} (declared in server.xml). */
    public ReboundWar queue(String channel, String queue) {
        return config("rebound.channel." + channel + ".queue", queue);
    }

    public WebArchive build() {
        StringBuilder properties = new StringBuilder();
        config.forEach((k, v) -> properties.append(k).append('=').append(v).append('\n'));
        return war.addAsResource(new StringAsset(properties.toString()), "META-INF/microprofile-config.properties");
    }

    /** The persistence unit an application writes (README, "Persistence set-up"); the table comes from {@link Schema}. */
    private static String persistenceXml() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.0">
                  <persistence-unit name="it" transaction-type="JTA">
                    <jta-data-source>jdbc/ReboundDS</jta-data-source>
                    <class>dev.rebound.deadletter.DeadLetterEntity</class>
                    <exclude-unlisted-classes>true</exclude-unlisted-classes>
                  </persistence-unit>
                </persistence>
                """;
    }

    private static JavaArchive library(String jarName, String markerClass) {
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
