package dev.rebound.it.support;

import dev.rebound.testsupport.liberty.TestWar;

/**
 * The test WARs of this suite: a {@link TestWar} (Rebound's jars, persistence unit, schema) with the support
 * classes the handlers use, the test libraries the in-server test classes use, and the table the handlers write to
 * ({@link Rows}). Runs on the client side only.
 */
public final class ReboundWar {

    private ReboundWar() {
    }

    /** A WAR with the api, cdi-extension and jms-adapter jars. */
    public static TestWar named(String name) {
        return withSupport(TestWar.named(name));
    }

    /** A WAR without the JMS adapter, as an application with synchronous gateways only would have. */
    public static TestWar withoutJms(String name) {
        return withSupport(TestWar.named(name).withoutJmsAdapter());
    }

    /**
     * A WAR without the JMS adapter and with the database transport ({@code rebound-database-transport.jar}): its
     * channels are rows of {@code rebound_message} on jdbc/ReboundDS, which the schema step creates with Rebound's
     * other tables.
     */
    public static TestWar onDatabaseChannels(String name) {
        return withDatabaseTransport(withoutJms(name));
    }

    /** Adds the database transport to a WAR: its jar, its data source (the persistence unit's) and short pauses. */
    public static TestWar withDatabaseTransport(TestWar war) {
        return war.library("rebound-database-transport.jar", "dev.rebound.database.DatabaseTransportFactory")
                .config("rebound.database.datasource", "jdbc/ReboundDS")
                .config("rebound.database.poll-interval-ms", 200)
                .config("rebound.database.failure-pause-ms", 200)
                .config("rebound.database.shutdown-timeout-ms", 2000);
    }

    private static TestWar withSupport(TestWar war) {
        // what the in-server test classes use besides JUnit (Arquillian adds JUnit itself)
        return war.classes(Rows.class, Fault.class, Calls.class, Queues.class, MessageRows.class)
                .library("assertj-core.jar", "org.assertj.core.api.Assertions")
                .library("awaitility.jar", "org.awaitility.Awaitility")
                .library("hamcrest.jar", "org.hamcrest.Matcher")
                .table("CREATE TABLE it_row (id VARCHAR(64) NOT NULL PRIMARY KEY, scenario VARCHAR(64))");
    }
}
