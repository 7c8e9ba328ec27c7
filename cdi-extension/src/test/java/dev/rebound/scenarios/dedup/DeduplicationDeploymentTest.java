package dev.rebound.scenarios.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.testing.Deployments;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each @Deduplicated mistake fails deployment with its code, the place and the remedy (none is ignored). */
class DeduplicationDeploymentTest {

    private static String failure(Class<?>... classes) {
        return Deployments.messages(Deployments.failure(classes));
    }

    private static String failure(Map<String, String> config, Class<?>... classes) {
        return Deployments.messages(Deployments.failure(config, classes));
    }

    @Test
    void two_different_headers() {
        assertThat(failure(Misconfigured.TwoHeaders.class)).contains("REBOUND-2040",
                Misconfigured.TwoHeaders.class.getName() + "#pay", "'orderId' and 'paymentId'");
    }

    @Test
    void a_blank_header_name() {
        assertThat(failure(Misconfigured.BlankHeader.class)).contains("REBOUND-2040", "no message can have");
    }

    @Test
    void a_header_and_an_expression() {
        assertThat(failure(Misconfigured.HeaderAndExpression.class)).contains("REBOUND-2040", "both a header");
    }

    @Test
    void an_expression_that_does_not_parse() {
        assertThat(failure(Misconfigured.BadExpression.class)).contains("REBOUND-2041",
                Misconfigured.BadExpression.class.getName() + "#pay", "payload.id +*");
    }

    @Test
    void an_expression_without_an_expression_language_at_run_time() {
        ClassLoader original = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(new WithoutExpressionLanguage(original));
        try {
            assertThat(failure(Misconfigured.BadExpression.class)).contains("REBOUND-2042",
                    "Jakarta Expression Language is not available", "expressly");
        } finally {
            Thread.currentThread().setContextClassLoader(original);
        }
    }

    @Test
    void a_query_handler() {
        assertThat(failure(Misconfigured.OnAQuery.class)).contains("REBOUND-2048",
                Misconfigured.OnAQuery.class.getName() + "#price");
    }

    @Test
    void no_entity_manager_nor_transaction_manager() {
        assertThat(Deployments.messages(Deployments.failureWithoutResources(Misconfigured.Plain.class)))
                .contains("REBOUND-2043", "EntityManager", "TransactionManager", "rebound_dedup");
    }

    @Test
    void a_gateway_method_without_a_transaction() {
        assertThat(failure(Misconfigured.NotTransactional.class, Misconfigured.Plain.class)).contains("REBOUND-2044",
                Misconfigured.NotTransactional.class.getName() + "#pay", "not @Transactional");
    }

    @Test
    void a_gateway_method_keyed_on_its_new_message_id() {
        assertThat(failure(Misconfigured.NoKey.class, Misconfigured.Plain.class)).contains("REBOUND-2044",
                "new message id each time");
    }

    @Test
    void a_gateway_method_keyed_on_a_header_it_does_not_give() {
        assertThat(failure(Misconfigured.HeaderNotGiven.class, Misconfigured.Plain.class)).contains("REBOUND-2044",
                "header 'orderId', which none of its parameters gives");
    }

    @Test
    void a_gateway_method_with_a_primitive_result() {
        assertThat(failure(Misconfigured.PrimitiveResult.class, Misconfigured.Plain.class)).contains("REBOUND-2044",
                "returns int");
    }

    @Test
    void hostile_settings() {
        assertThat(failure(Map.of("rebound.deduplication.retention", "P-1D"), Misconfigured.Plain.class))
                .contains("REBOUND-2045", "rebound.deduplication.retention=P-1D", "ISO-8601 duration");
        assertThat(failure(Map.of("rebound.deduplication.retention", "forever"), Misconfigured.Plain.class))
                .contains("REBOUND-2045", "retention=forever");
        assertThat(failure(Map.of("rebound.deduplication.retention", "P99999D"), Misconfigured.Plain.class))
                .contains("REBOUND-2045");
        assertThat(failure(Map.of("rebound.deduplication.cleanup-interval", "PT0S"), Misconfigured.Plain.class))
                .contains("REBOUND-2045", "cleanup-interval=PT0S");
        assertThat(failure(Map.of("rebound.deduplication.cleanup-batch", "0"), Misconfigured.Plain.class))
                .contains("REBOUND-2045", "cleanup-batch=0", "1 to 10000");
        assertThat(failure(Map.of("rebound.deduplication.cleanup-duty-percent", "0"), Misconfigured.Plain.class))
                .contains("REBOUND-2045", "cleanup-duty-percent=0", "1 to 100");
        assertThat(failure(Map.of("rebound.deduplication.cleanup-duty-percent", "ten"), Misconfigured.Plain.class))
                .contains("REBOUND-2045", "cleanup-duty-percent=ten", "1 to 100");
        assertThat(failure(Map.of("rebound.deduplication.database", "db2"), Misconfigured.Plain.class))
                .contains("REBOUND-2045", "database=db2");
    }

    /** The application's class loader as a stand-alone one without EL: no jakarta.el, no implementation. */
    private static final class WithoutExpressionLanguage extends ClassLoader {

        WithoutExpressionLanguage(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("jakarta.el.") || name.startsWith("org.glassfish.expressly.")) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public java.net.URL getResource(String name) {
            return name.contains("jakarta.el") ? null : super.getResource(name);
        }

        @Override
        public java.util.Enumeration<java.net.URL> getResources(String name) throws java.io.IOException {
            return name.contains("jakarta.el") ? java.util.Collections.emptyEnumeration() : super.getResources(name);
        }
    }
}
