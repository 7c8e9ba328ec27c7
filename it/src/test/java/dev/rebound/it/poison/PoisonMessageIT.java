package dev.rebound.it.poison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.it.support.Calls;
import dev.rebound.it.support.Queues;
import dev.rebound.it.support.ReboundWar;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Messages put on the queue by someone else that Rebound cannot read: kept raw, and consumption goes on. */
@ExtendWith(ArquillianExtension.class)
class PoisonMessageIT {

    @Deployment
    static WebArchive deployment() {
        return ReboundWar.named("poison").packageOf(Inbox.class).queue("inbox", "itPoison").build();
    }

    @Inject
    Inbox inbox;
    @Inject
    Calls calls;
    @Inject
    Queues queues;
    @Inject
    DeadLetters deadLetters;

    @BeforeEach
    void clean() {
        deadLetters.deleteAll();
    }

    @Test
    void bad_json_lands_in_the_dead_letter_with_its_raw_body_and_the_next_message_is_handled() {
        String body = "{\"noteId\": \"" + UUID.randomUUID() + "\", oops";
        queues.sendText("itPoison", body, Map.of("rebound_payloadType", Note.class.getName()));
        String next = UUID.randomUUID().toString();
        inbox.post(new Note(next, "after the poison"));

        DeadLetter letter = await().atMost(Duration.ofSeconds(20)).until(() -> withBody(body), Optional::isPresent)
                .orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> calls.count(next) == 1);

        assertThat(letter.note()).startsWith("REBOUND-3003").contains(Note.class.getName());
        assertThat(letter.payload()).isNull();
        assertThat(letter.origin()).isEqualTo("channel inbox");
        assertThat(queues.depth("itPoison")).isZero();
    }

    @Test
    void unknown_payload_type_lands_in_the_dead_letter_without_loading_the_class() {
        String body = "{\"command\": \"rm -rf /\"}";
        queues.sendText("itPoison", body, Map.of("rebound_payloadType", "com.example.NotAHandledType"));
        String next = UUID.randomUUID().toString();
        inbox.post(new Note(next, "after the unknown type"));

        DeadLetter letter = await().atMost(Duration.ofSeconds(20)).until(() -> withBody(body), Optional::isPresent)
                .orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> calls.count(next) == 1);

        assertThat(letter.note()).startsWith("REBOUND-3002").contains("com.example.NotAHandledType");
        assertThat(letter.payloadType()).isEqualTo("com.example.NotAHandledType");
        assertThat(queues.depth("itPoison")).isZero();
    }

    private Optional<DeadLetter> withBody(String body) {
        return deadLetters.list(0, 100).stream().filter(letter -> body.equals(letter.body())).findFirst();
    }
}
