package dev.rebound.it.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.ErrorChannel;
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

/** @ErrorChannel on a synchronous handler instead of its entry point. */
@ExtendWith(ArquillianExtension.class)
class ErrorChannelOnSynchronousHandlerIT {

    @Deployment(testable = false)
    @ShouldThrowException(DefinitionException.class)
    static WebArchive deployment() {
        return ReboundWar.named("d2001").classes(ErrorChannelOnSynchronousHandlerIT.class).build();
    }

    @Test
    void deployment_fails_naming_the_problem() {
        assertThat(ServerLog.mentions("REBOUND-2001", Billing.class.getName() + "#pay"))
                .as("messages.log has REBOUND-2001 naming the culprit").isTrue();
    }

    public record Pay(String id) {
    }

    @ApplicationScoped
    public static class Billing {
        @ErrorChannel(Channels.DEAD_LETTER)
        @CommandHandler
        public void pay(Pay command) {
        }
    }
}
