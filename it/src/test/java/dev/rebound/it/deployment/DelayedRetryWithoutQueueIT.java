package dev.rebound.it.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.CommandBus;
import dev.rebound.DelayedRetry;
import dev.rebound.it.support.ReboundWar;
import dev.rebound.it.support.ServerLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** @DelayedRetry on a synchronous gateway: there is no queue to retry into. */
@ExtendWith(ArquillianExtension.class)
class DelayedRetryWithoutQueueIT {

    @Deployment(testable = false)
    @ShouldThrowException(DefinitionException.class)
    static WebArchive deployment() {
        return ReboundWar.named("d2013").classes(DelayedRetryWithoutQueueIT.class).build();
    }

    @Test
    void deployment_fails_naming_the_problem() {
        assertThat(ServerLog.mentions("REBOUND-2013", LaterBus.class.getName()))
                .as("messages.log has REBOUND-2013 naming the culprit").isTrue();
    }

    @DelayedRetry(initialDelayMs = 100)
    public interface LaterBus extends CommandBus {
    }

    @ApplicationScoped
    public static class Sender {
        @Inject
        LaterBus bus;
    }
}
