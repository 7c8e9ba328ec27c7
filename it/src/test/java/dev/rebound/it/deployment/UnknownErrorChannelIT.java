package dev.rebound.it.deployment;

import static org.assertj.core.api.Assertions.assertThat;

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

/** A gateway whose error channel names no channel. */
@ExtendWith(ArquillianExtension.class)
class UnknownErrorChannelIT {

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    static WebArchive deployment() {
        return ReboundWar.named("d2002").classes(UnknownErrorChannelIT.class).build();
    }

    @Test
    void deployment_fails_naming_the_problem() {
        assertThat(ServerLog.mentions("REBOUND-2002", "nowhere"))
                .as("messages.log has REBOUND-2002 naming the culprit").isTrue();
    }

    @ErrorChannel("nowhere")
    public interface LostBus extends CommandBus {
    }

    @ApplicationScoped
    public static class Sender {
        @Inject
        LostBus bus;
    }
}
