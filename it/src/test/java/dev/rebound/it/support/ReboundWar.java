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

    private static TestWar withSupport(TestWar war) {
        // what the in-server test classes use besides JUnit (Arquillian adds JUnit itself)
        return war.classes(Rows.class, Fault.class, Calls.class, Queues.class)
                .library("assertj-core.jar", "org.assertj.core.api.Assertions")
                .library("awaitility.jar", "org.awaitility.Awaitility")
                .library("hamcrest.jar", "org.hamcrest.Matcher")
                .table("CREATE TABLE it_row (id VARCHAR(64) NOT NULL PRIMARY KEY, scenario VARCHAR(64))");
    }
}
