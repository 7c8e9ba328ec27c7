package dev.rebound.spike.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.transaction.Status;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.UserTransaction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class LibertyInfraIT {

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "infra.war")
                .addClass(InfraProbe.class)
                .addAsResource(new StringAsset("probe.greeting=hello-from-mp-config\n"),
                        "META-INF/microprofile-config.properties")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Inject
    InfraProbe probe;

    @Inject
    UserTransaction userTransaction;

    @BeforeEach
    void drain() throws Exception {
        probe.createTable();
        while (probe.receive(probe.queue(), 0) != null) { /* drain leftovers */ }
    }

    @Test
    void cdiInjectionAndMpConfigWork() {
        assertNotNull(probe);
        assertEquals("hello-from-mp-config", probe.greeting());
    }

    @Test
    void jmsRoundTripThroughEmbeddedEngine() {
        String body = "ping-" + UUID.randomUUID();
        probe.send(probe.queue(), body, 0);
        assertEquals(body, probe.receiveBody(probe.queue(), 5_000));
    }

    @Test
    void jdbcRowThroughJtaDataSourceOnDerby() throws Exception {
        String id = UUID.randomUUID().toString();
        userTransaction.begin();
        probe.insert(id, "committed");
        userTransaction.commit();
        assertEquals("committed", probe.find(id));

        String id2 = UUID.randomUUID().toString();
        userTransaction.begin();
        probe.insert(id2, "rolled-back");
        userTransaction.rollback();
        assertNull(probe.find(id2));
    }

    @Test
    void xaTransactionSpansDerbyAndJms() throws Exception {
        String ok = UUID.randomUUID().toString();
        probe.insertAndSend(ok, "xa-" + ok, false);
        assertEquals("xa-" + ok, probe.find(ok));
        assertEquals("xa-" + ok, probe.receiveBody(probe.queue(), 5_000));

        String bad = UUID.randomUUID().toString();
        assertThrows(IllegalStateException.class, () -> probe.insertAndSend(bad, "xa-" + bad, true));
        assertNull(probe.find(bad));
        assertNull(probe.receiveBody(probe.queue(), 1_000), "rolled-back JMS send must not be delivered");
    }

    @Test
    void transactionManagerJndiLookup() throws Exception {
        Map<String, String> found = new LinkedHashMap<>();
        InitialContext ic = new InitialContext();
        for (String name : new String[] {
                "java:comp/TransactionManager",
                "java:appserver/TransactionManager",
                "java:/TransactionManager",
                "java:comp/UserTransaction",
                "java:comp/TransactionSynchronizationRegistry"}) {
            try {
                Object o = ic.lookup(name);
                found.put(name, o == null ? "null" : o.getClass().getName()
                        + " TM=" + (o instanceof TransactionManager));
            } catch (NamingException e) {
                found.put(name, "NamingException: " + e.getMessage());
            }
        }
        try {
            Class<?> f = Class.forName("com.ibm.tx.jta.TransactionManagerFactory");
            Object tm = f.getMethod("getTransactionManager").invoke(null);
            found.put("com.ibm.tx.jta.TransactionManagerFactory", tm.getClass().getName()
                    + " TM=" + (tm instanceof TransactionManager));
        } catch (Throwable t) {
            found.put("com.ibm.tx.jta.TransactionManagerFactory", t.toString());
        }
        found.forEach((k, v) -> System.out.println("SPIKE-JNDI " + k + " -> " + v));

        assertTrue(ic.lookup("java:comp/TransactionSynchronizationRegistry") instanceof TransactionSynchronizationRegistry);
        Object tmObject = ic.lookup("java:comp/TransactionManager");
        assertTrue(tmObject instanceof TransactionManager, "java:comp/TransactionManager is " + tmObject);
        TransactionManager tm = (TransactionManager) tmObject;
        assertEquals(Status.STATUS_NO_TRANSACTION, tm.getStatus());
        userTransaction.begin();
        try {
            assertEquals(Status.STATUS_ACTIVE, tm.getStatus());
            Transaction suspended = tm.suspend();
            assertNotNull(suspended);
            assertEquals(Status.STATUS_NO_TRANSACTION, tm.getStatus());
            tm.resume(suspended);
            assertEquals(Status.STATUS_ACTIVE, tm.getStatus());
        } finally {
            userTransaction.rollback();
        }
    }

    @Test
    void deliveryDelayIsHonouredByEmbeddedEngine() throws Exception {
        while (probe.receive(probe.delayQueue(), 0) != null) { /* drain */ }
        String body = "delayed-" + UUID.randomUUID();
        long sentAt = System.currentTimeMillis();
        probe.send(probe.delayQueue(), body, 3_000);
        assertNull(probe.receiveBody(probe.delayQueue(), 1_000), "message visible before its delivery delay");
        Message m = probe.receive(probe.delayQueue(), 10_000);
        long waited = System.currentTimeMillis() - sentAt;
        assertNotNull(m, "delayed message never arrived");
        assertEquals(body, m.getBody(String.class));
        System.out.println("SPIKE-DELAY waited=" + waited + "ms JMSDeliveryTime-JMSTimestamp="
                + (m.getJMSDeliveryTime() - m.getJMSTimestamp()));
        assertTrue(waited >= 2_900, "arrived after " + waited + " ms");
    }
}
