package dev.rebound.jms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import dev.rebound.jms.testing.Broker;
import dev.rebound.spi.Envelope;
import jakarta.jms.JMSContext;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The key a failed message's decision waits under is never a missing JMS id. */
class MessageKeysTest {

    private static Envelope envelope(String handler, int attempt) {
        UUID id = UUID.randomUUID();
        return new Envelope(new Message("p", new MessageHeaders(id, id, null, Instant.now(), null, Map.of())), handler,
                null, attempt, null);
    }

    @Test
    void messages_without_a_jms_id_are_keyed_by_their_rebound_id_handler_and_attempt() throws Exception {
        try (JMSContext context = Broker.connectionFactory().createContext()) {
            jakarta.jms.Message first = context.createTextMessage("a");
            jakarta.jms.Message second = context.createTextMessage("b");
            assertThat(first.getJMSMessageID()).isNull();
            Envelope one = envelope("H#a", 1);

            assertThat(JmsConsumer.key(first, one)).isNotNull()
                    .isNotEqualTo(JmsConsumer.key(second, envelope("H#a", 1)))
                    .isNotEqualTo(JmsConsumer.key(first, one.nextAttempt()))
                    .isEqualTo(JmsConsumer.key(second, one));
        }
    }
}
