package dev.rebound.opentelemetry.noop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import dev.rebound.opentelemetry.DelayedRetryTrace;
import dev.rebound.opentelemetry.Tracing;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without an SDK (the API's no-op), a message leaves exactly as it came: no metadata, no copy. */
class NoSdkTest {

    @Test
    void without_an_sdk_a_sent_message_is_the_same_instance_without_trace_metadata() {
        Tracing tracing = new Tracing(OpenTelemetry.noop(), DelayedRetryTrace.LINK);
        Message message = new Message("payload", MessageHeaders.first(Instant.now(), null, Map.of("tenant", "acme")));

        assertThat(tracing.beforeSend("orders", message)).isSameAs(message);
    }
}
