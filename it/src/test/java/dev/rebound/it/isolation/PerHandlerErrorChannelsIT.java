package dev.rebound.it.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.it.support.Calls;
import dev.rebound.it.support.ReboundWar;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One event, three asynchronous handlers on one shared queue: each failure goes where its own handler says,
 * and neither a retry nor an error channel runs the other handlers again.
 */
@ExtendWith(ArquillianExtension.class)
class PerHandlerErrorChannelsIT {

    @Deployment
    static WebArchive deployment() {
        return ReboundWar.named("isolation").packageOf(Projections.class).queue("projections", "itShared").build();
    }

    @Inject
    Projections projections;
    @Inject
    Calls calls;
    @Inject
    DeadLetters deadLetters;

    @BeforeEach
    void clean() {
        deadLetters.deleteAll();
    }

    @Test
    void each_failing_handler_follows_its_own_error_channel_and_the_healthy_one_runs_once() {
        String id = UUID.randomUUID().toString();

        projections.shipped(id);

        DeadLetter letter = await().atMost(Duration.ofSeconds(30))
                .until(() -> deadLetters.list(0, 10), letters -> !letters.isEmpty()).get(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.count("notification failure " + id + " in "
                + Projections.class.getName() + "#notifyCustomer: mail server is down") == 1);

        assertThat(letter.handler()).isEqualTo(Projections.class.getName() + "#invoice");
        assertThat(letter.payload()).isEqualTo(new OrderShipped(id));
        assertThat(letter.attempts()).isEqualTo(2);
        assertThat(deadLetters.count()).as("the internal error channel took the other failure").isEqualTo(1);
        assertThat(calls.count("invoice " + id)).as("first attempt and one delayed retry").isEqualTo(2);
        assertThat(calls.count("notify " + id)).isEqualTo(1);
        assertThat(calls.count("report " + id)).as("not run again by the others' retries").isEqualTo(1);
    }
}
