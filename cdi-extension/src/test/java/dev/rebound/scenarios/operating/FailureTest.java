package dev.rebound.scenarios.operating;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.FailedAttempt;
import dev.rebound.Failure;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The one derivation of a failure from an exception, and the cuts that storage and the history apply. */
class FailureTest {

    static final class Orders {
        static void place(int depth) {
            if (depth > 0) {
                place(depth - 1);
            }
            throw new IllegalStateException("x".repeat(10_000), new IOException("disk full"));
        }
    }

    @Test
    void an_exception_gives_its_class_messages_root_cause_bounded_trace_and_application_site() {
        IllegalStateException thrown = null;
        try {
            Orders.place(600);      // a trace far longer than the bound
        } catch (IllegalStateException e) {
            thrown = e;
        }
        Failure failure = Failure.of(thrown);

        assertThat(failure.exceptionClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(failure.exceptionMessage()).as("whole, as the error channel sees it").hasSize(10_000);
        assertThat(failure.rootCauseClass()).isEqualTo(IOException.class.getName());
        assertThat(failure.rootCauseMessage()).isEqualTo("disk full");
        assertThat(failure.stackTrace()).hasSizeLessThanOrEqualTo(Failure.MAX_STACK_TRACE_LENGTH).hasSizeGreaterThan(15_900)
                .endsWith("... (truncated)");
        assertThat(failure.site()).isEqualTo(Orders.class.getName() + ".place");
        assertThat(Failure.briefOf(thrown)).as("no stack trace printed, so no site").isEqualTo(new Failure(
                failure.exceptionClass(), failure.exceptionMessage(), failure.rootCauseClass(),
                failure.rootCauseMessage(), null, null));
    }

    @Test
    void stored_messages_are_cut_to_their_bound_and_history_entries_drop_the_stack_trace() {
        Failure failure = new Failure("E", "m".repeat(5_000), "R", "short", "trace", "C.m");

        Failure stored = failure.cut(Failure.MAX_MESSAGE_LENGTH);
        assertThat(stored.exceptionMessage()).hasSize(Failure.MAX_MESSAGE_LENGTH).endsWith("... (truncated)");
        assertThat(stored.rootCauseMessage()).isEqualTo("short");
        assertThat(stored.stackTrace()).isEqualTo("trace");

        FailedAttempt entry = FailedAttempt.of(Instant.EPOCH, 2, failure);
        assertThat(entry.failure().stackTrace()).isNull();
        assertThat(entry.failure().exceptionMessage()).hasSize(FailedAttempt.MAX_MESSAGE_LENGTH);
        assertThat(entry.failure().site()).isEqualTo("C.m");
    }
}
