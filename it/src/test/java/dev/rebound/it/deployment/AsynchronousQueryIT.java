package dev.rebound.it.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.Asynchronous;
import dev.rebound.QueryHandler;
import dev.rebound.it.support.ReboundWar;
import dev.rebound.it.support.ServerLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.DefinitionException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** @Asynchronous on a query handler: a query needs its answer now. */
@ExtendWith(ArquillianExtension.class)
class AsynchronousQueryIT {

    @Deployment(testable = false)
    @ShouldThrowException(DefinitionException.class)
    static WebArchive deployment() {
        return ReboundWar.named("d2015").classes(AsynchronousQueryIT.class).queue("prices", "itDeployment").build();
    }

    @Test
    void deployment_fails_naming_the_problem() {
        assertThat(ServerLog.mentions("REBOUND-2015", Prices.class.getName() + "#price"))
                .as("messages.log has REBOUND-2015 naming the culprit").isTrue();
    }

    public record Price(String sku) {
    }

    @ApplicationScoped
    public static class Prices {
        @Asynchronous("prices")
        @QueryHandler
        public String price(Price query) {
            return "42";
        }
    }
}
