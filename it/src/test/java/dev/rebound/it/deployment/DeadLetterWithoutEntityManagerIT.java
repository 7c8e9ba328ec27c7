package dev.rebound.it.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.ErrorChannel;
import dev.rebound.it.support.ReboundWar;
import dev.rebound.it.support.ServerLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The dead letter is used, but the application exposes no EntityManager bean. */
@ExtendWith(ArquillianExtension.class)
class DeadLetterWithoutEntityManagerIT {

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    static WebArchive deployment() {
        return ReboundWar.withoutJms("d2010").without(dev.rebound.testsupport.liberty.Persistence.class).classes(DeadLetterWithoutEntityManagerIT.class).build();
    }

    @Test
    void deployment_fails_naming_the_problem() {
        assertThat(ServerLog.mentions("REBOUND-2010", "deadLetter"))
                .as("messages.log has REBOUND-2010 naming the culprit").isTrue();
    }

    @ErrorChannel(Channels.DEAD_LETTER)
    public interface SafeBus extends CommandBus {
    }

    @ApplicationScoped
    public static class Sender {
        @Inject
        SafeBus bus;
    }
}
