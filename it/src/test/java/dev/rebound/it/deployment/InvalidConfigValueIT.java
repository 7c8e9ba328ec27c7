package dev.rebound.it.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.CommandBus;
import dev.rebound.InstantRetry;
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

/** A configuration override that is not a number. */
@ExtendWith(ArquillianExtension.class)
class InvalidConfigValueIT {

    @Deployment(testable = false)
    @ShouldThrowException(DefinitionException.class)
    static WebArchive deployment() {
        return ReboundWar.withoutJms("d2011").classes(InvalidConfigValueIT.class).config("InstantRetry/maxRetries", "many").build();
    }

    @Test
    void deployment_fails_naming_the_problem() {
        assertThat(ServerLog.mentions("REBOUND-2011", "InstantRetry/maxRetries=many"))
                .as("messages.log has REBOUND-2011 naming the culprit").isTrue();
    }

    @InstantRetry(maxRetries = 1)
    public interface PatientBus extends CommandBus {
    }

    @ApplicationScoped
    public static class Sender {
        @Inject
        PatientBus bus;
    }
}
