package dev.rebound.it.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.Asynchronous;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
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

/** @DelayedRetry with a negative delay. */
@ExtendWith(ArquillianExtension.class)
class InvalidDelayedRetryIT {

    @Deployment(testable = false)
    @ShouldThrowException(DefinitionException.class)
    static WebArchive deployment() {
        return ReboundWar.named("d2018").classes(InvalidDelayedRetryIT.class).queue("jobs", "itDeployment").build();
    }

    @Test
    void deployment_fails_naming_the_problem() {
        assertThat(ServerLog.mentions("REBOUND-2018", Jobs.class.getName() + "#run"))
                .as("messages.log has REBOUND-2018 naming the culprit").isTrue();
    }

    public record Job(String id) {
    }

    @ApplicationScoped
    public static class Jobs {
        @Asynchronous("jobs")
        @DelayedRetry(initialDelayMs = -5)
        @CommandHandler
        public void run(Job job) {
        }
    }
}
