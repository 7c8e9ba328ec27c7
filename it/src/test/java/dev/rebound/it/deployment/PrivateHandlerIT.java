package dev.rebound.it.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.EventHandler;
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

/** A private handler method, which CDI cannot call through the bean. */
@ExtendWith(ArquillianExtension.class)
class PrivateHandlerIT {

    @Deployment(testable = false)
    @ShouldThrowException(DefinitionException.class)
    static WebArchive deployment() {
        return ReboundWar.named("d2008").classes(PrivateHandlerIT.class).build();
    }

    @Test
    void deployment_fails_naming_the_problem() {
        assertThat(ServerLog.mentions("REBOUND-2008", Archiver.class.getName() + "#archive"))
                .as("messages.log has REBOUND-2008 naming the culprit").isTrue();
    }

    public record Archive(String id) {
    }

    @ApplicationScoped
    public static class Archiver {
        @EventHandler
        private void archive(Archive event) {
        }
    }
}
