package dev.rebound.opentelemetry.logs;

import static dev.rebound.opentelemetry.testing.TestTelemetry.asCaller;
import static dev.rebound.opentelemetry.testing.TestTelemetry.await;
import static dev.rebound.opentelemetry.testing.TestTelemetry.spans;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.CommandBus;
import dev.rebound.DeadLetters;
import dev.rebound.opentelemetry.TracingInterceptor;
import dev.rebound.opentelemetry.testing.InMemoryStore;
import dev.rebound.opentelemetry.testing.TestTelemetry;
import dev.rebound.testsupport.LogRecords;
import dev.rebound.testsupport.ReboundTest;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rebound's log lines carry the trace and span id of the attempt they are about ({@code trace_id=… span_id=…
 * trace_flags=…} at the end), a gateway's failure as a queue's, though each line is logged after its attempt's span
 * ended; a REBOUND line about no failed attempt carries the current span's, other lines are left alone.
 */
@ReboundTest(beans = {TracingInterceptor.class, TestTelemetry.class, InMemoryStore.class, Couriers.Handlers.class,
        Couriers.Desk.class})
class LogCorrelationTest {

    private static final String HANDLER = Couriers.Handlers.class.getName();

    @Inject
    Couriers.Desk desk;
    @Inject
    CommandBus bus;
    @Inject
    DeadLetters deadLetters;

    private LogRecords log;

    @BeforeEach
    void listen() {
        TestTelemetry.reset();
        log = LogRecords.capture();
    }

    @AfterEach
    void release() {
        log.close();
    }

    private static String ids(SpanData span) {
        return " trace_id=" + span.getTraceId() + " span_id=" + span.getSpanId() + " trace_flags="
                + span.getSpanContext().getTraceFlags().asHex();
    }

    private LogRecord line(String code) {
        List<LogRecord> found = log.containing(code);
        assertThat(found).as("lines %s among %s", code, log.all()).hasSize(1);
        return found.get(0);
    }

    @Test
    void a_gateways_failure_lines_carry_the_ids_of_the_attempt_they_are_about() {
        asCaller(() -> desk.send(new Couriers.Book("b-1")));

        List<SpanData> attempts = spans("handle " + HANDLER + "#book");
        assertThat(attempts).hasSize(2);
        LogRecord retrying = line("REBOUND-1031");
        LogRecord captured = line("REBOUND-1032");
        assertThat(LogRecords.message(retrying)).contains("no courier for booking b-1")
                .endsWith(ids(attempts.get(0)));
        assertThat(LogRecords.message(captured)).contains("it goes to channel deadLetter")
                .endsWith(ids(attempts.get(1)));
        assertThat(List.of(retrying.getLevel(), captured.getLevel())).containsExactly(Level.INFO, Level.WARNING);
    }

    @Test
    void a_queues_failure_lines_carry_the_ids_of_the_attempt_they_are_about_as_a_gateways_do() {
        asCaller(() -> bus.send(new Couriers.Pickup("p-1")));

        List<SpanData> attempts = await("process pickups", 2);
        await("dead_letter pickups", 1);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !log.containing("REBOUND-1015").isEmpty());
        LogRecord retrying = line("REBOUND-1014");
        LogRecord exhausted = line("REBOUND-1015");
        assertThat(LogRecords.message(retrying)).contains("no courier for pickup p-1").endsWith(ids(attempts.get(0)));
        assertThat(LogRecords.message(exhausted)).contains("no retries left").endsWith(ids(attempts.get(1)));
        // as a gateway's: the retry at INFO, the end of the retries at WARNING
        assertThat(List.of(retrying.getLevel(), exhausted.getLevel())).containsExactly(Level.INFO, Level.WARNING);
        // the two attempts are in two traces (rebound.tracing.delayed-retry=link): each line names its own
        assertThat(attempts.get(0).getTraceId()).isNotEqualTo(attempts.get(1).getTraceId());
    }

    @Test
    void a_line_about_no_failed_attempt_carries_the_current_span_and_other_lines_are_left_alone() {
        Logger rebound = Logger.getLogger("dev.rebound.opentelemetry.logs");

        SpanData caller = asCaller(() -> {
            rebound.warning("REBOUND-9999: a line of Rebound's");
            rebound.warning("a line of someone else's");
        });
        rebound.warning("REBOUND-9998: a line outside any span");

        assertThat(LogRecords.message(line("REBOUND-9999"))).isEqualTo("REBOUND-9999: a line of Rebound's"
                + ids(caller));
        assertThat(log.messages("someone else")).containsExactly("a line of someone else's");
        assertThat(log.messages("REBOUND-9998")).containsExactly("REBOUND-9998: a line outside any span");
    }
}
