package dev.rebound.jms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.Failure;
import jakarta.jms.MapMessage;
import java.time.Instant;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQMapMessage;
import org.junit.jupiter.api.Test;

/** A decision crosses to another node as a map message and comes back equal (the exception is never carried). */
class SharedDecisionsTest {

    @Test
    void a_forward_with_its_failure_and_metadata_reads_back_as_it_was_written() throws Exception {
        FailureText failure = new FailureText(new Failure("java.lang.IllegalStateException", "boom",
                "java.io.IOException", "root", "trace\\n at x", "a.B.c"), "H#handle", "channel work", 2,
                Instant.parse("2026-12-02T10:15:30Z"));
        Decision forward = new Decision(Decision.Kind.FORWARD, "work", 300, failure, 0, false, null,
                Map.of("traceparent", "00-abc-def-01", "ordering key", "k 1"));
        Decision deliver = new Decision(Decision.Kind.DELIVER, "rebound.deadLetter", 0,
                new FailureText(new Failure("E", null, null, null, null, null), null, null, 1, Instant.EPOCH), 2,
                true, null, null);
        for (Decision decision : new Decision[] {forward, deliver}) {
            MapMessage m = new ActiveMQMapMessage();
            SharedDecisions.write(m, decision);
            assertThat(SharedDecisions.read(m)).isEqualTo(decision);
        }
    }
}
