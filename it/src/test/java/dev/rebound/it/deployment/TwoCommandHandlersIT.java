package dev.rebound.it.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.CommandHandler;
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

/** Two command handlers for one payload type. */
@ExtendWith(ArquillianExtension.class)
class TwoCommandHandlersIT {

    @Deployment(testable = false)
    @ShouldThrowException(DefinitionException.class)
    static WebArchive deployment() {
        return ReboundWar.named("d2003").classes(TwoCommandHandlersIT.class).build();
    }

    @Test
    void deployment_fails_naming_the_problem() {
        assertThat(ServerLog.mentions("REBOUND-2003", Ship.class.getName()))
                .as("messages.log has REBOUND-2003 naming the culprit").isTrue();
    }

    public record Ship(String id) {
    }

    @ApplicationScoped
    public static class Warehouse {
        @CommandHandler
        public void ship(Ship command) {
        }
    }

    @ApplicationScoped
    public static class Courier {
        @CommandHandler
        public void ship(Ship command) {
        }
    }
}
