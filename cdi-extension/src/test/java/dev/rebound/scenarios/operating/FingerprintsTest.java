package dev.rebound.scenarios.operating;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.Failure;
import dev.rebound.deadletter.Fingerprints;
import org.junit.jupiter.api.Test;

class FingerprintsTest {

    private static final String TRACE = """
            jakarta.transaction.RollbackException: marked for rollback
            \tat com.arjuna.ats.internal.jta.transaction.arjunacore.TransactionImple.commit(TransactionImple.java:1)
            \tat dev.rebound.core.tx.Transactions.inTransaction(Transactions.java:90)
            \tat dev.rebound.jms.JmsConsumer.process(JmsConsumer.java:80)
            \tat java.base/java.lang.Thread.run(Thread.java:840)
            Caused by: java.lang.IllegalStateException: boom
            \tat com.example.shop.Orders$$WeldClientProxy.place(Unknown Source)
            \tat jdk.proxy2/jdk.proxy2.$Proxy12.place(Unknown Source)
            \tat com.example.shop.Orders.place(Orders.java:42)
            \tat dev.rebound.core.HandlerMethod.invoke(HandlerMethod.java:70)
            """;

    @Test
    void the_failure_site_is_the_first_frame_of_the_application_without_line() {
        assertThat(Failure.siteOf(TRACE)).isEqualTo("com.example.shop.Orders.place");
        assertThat(Failure.siteOf(TRACE.replace(":42", ":57")))
                .isEqualTo(Failure.siteOf(TRACE));
    }

    @Test
    void an_application_below_rebounds_packages_is_still_the_application() {
        assertThat(Failure.siteOf("x\n\tat dev.rebound.jms.JmsConsumer.run(A.java:1)\n"
                + "\tat dev.rebound.jms.scenarios.Pay.charge(Pay.java:3)\n")).isEqualTo("dev.rebound.jms.scenarios.Pay.charge");
    }

    @Test
    void no_application_frame_gives_no_site_and_the_key_still_separates_exceptions_and_handlers() {
        assertThat(Failure.siteOf("java.lang.Error\n\tat java.base/java.lang.Thread.run(Thread.java:1)"))
                .isNull();
        assertThat(Failure.siteOf(null)).isNull();
        String key = Fingerprints.of("E", "H#m", "C.m");
        assertThat(key).hasSize(32).isEqualTo(Fingerprints.of("E", "H#m", "C.m"));
        assertThat(key).isNotEqualTo(Fingerprints.of("F", "H#m", "C.m"))
                .isNotEqualTo(Fingerprints.of("E", "H#n", "C.m"))
                .isNotEqualTo(Fingerprints.of("E", "H#m", "C.n"));
    }
}
