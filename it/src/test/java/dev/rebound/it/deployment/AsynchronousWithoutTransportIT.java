package dev.rebound.it.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.Asynchronous;
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

/** An asynchronous channel in a WAR without rebound-jms-adapter. */
@ExtendWith(ArquillianExtension.class)
class AsynchronousWithoutTransportIT {

    @Deployment(testable = false)
    @ShouldThrowException(DefinitionException.class)
    static WebArchive deployment() {
        return ReboundWar.withoutJms("d2016").classes(AsynchronousWithoutTransportIT.class).build();
    }

    @Test
    void deployment_fails_naming_the_problem() {
        assertThat(ServerLog.mentions("REBOUND-2016", "mails"))
                .as("messages.log has REBOUND-2016 naming the culprit").isTrue();
    }

    public record Mail(String id) {
    }

    @ApplicationScoped
    public static class Mailer {
        @Asynchronous("mails")
        @CommandHandler
        public void send(Mail mail) {
        }
    }
}
