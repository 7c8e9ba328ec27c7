package dev.rebound.it.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.DeadLetters;
import dev.rebound.it.support.Calls;
import dev.rebound.it.support.Queues;
import dev.rebound.it.support.ReboundWar;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Final failure strategy IGNORE: the failed message is acknowledged and dropped; the consumer goes on. */
@ExtendWith(ArquillianExtension.class)
class IgnoreStrategyIT {

    @Deployment
    static WebArchive deployment() {
        return ReboundWar.named("ignore").classes(Imports.class, ImportLine.class)
                .queue("imports", "itIgnore")
                .config("rebound.channel.imports.final-failure-strategy", "IGNORE")
                .build();
    }

    @Inject
    Imports imports;
    @Inject
    Calls calls;
    @Inject
    Queues queues;
    @Inject
    DeadLetters deadLetters;

    @Test
    void failed_message_is_dropped_once_and_the_next_one_is_handled() {
        long deadLettersBefore = deadLetters.count();
        String broken = UUID.randomUUID().toString();
        String good = UUID.randomUUID().toString();

        imports.submit(new ImportLine(broken, true));
        imports.submit(new ImportLine(good, false));

        await().atMost(Duration.ofSeconds(20)).until(() -> calls.count(good) == 1);
        // RESEND or RELEASE would run it again within a few hundred milliseconds
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> calls.count(broken) == 1);
        assertThat(queues.depth("itIgnore")).as("acknowledged, not left on the queue").isZero();
        assertThat(deadLetters.count()).isEqualTo(deadLettersBefore);
    }
}
