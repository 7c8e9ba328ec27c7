package dev.rebound.it.instantretry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.DeadLetters;
import dev.rebound.it.support.Fault;
import dev.rebound.it.support.ReboundWar;
import dev.rebound.it.support.Rows;
import jakarta.inject.Inject;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** @InstantRetry on a @Transactional gateway: every attempt in a fresh JTA transaction of Liberty's. */
@ExtendWith(ArquillianExtension.class)
class InstantRetryIT {

    @Deployment
    static WebArchive deployment() {
        return ReboundWar.withoutJms("instantretry").packageOf(StockBus.class).build();
    }

    @Inject
    Stock stock;
    @Inject
    Rows rows;
    @Inject
    Fault fault;
    @Inject
    DeadLetters deadLetters;

    @BeforeEach
    void reset() {
        fault.off();
        fault.resetCalls();
    }

    @Test
    void handler_succeeding_on_the_third_attempt_returns_its_result_and_keeps_only_that_attempts_row() {
        fault.failTimes(2);
        String id = UUID.randomUUID().toString();

        assertThat(stock.reserveFor(id)).isEqualTo(id);

        assertThat(fault.calls()).isEqualTo(3);
        assertThat(rows.count(id)).as("rows of the two failed attempts are rolled back").isEqualTo(1);
    }

    @Test
    void handler_failing_every_attempt_runs_three_times_and_the_caller_gets_the_last_failure() {
        fault.failAlways();
        String id = UUID.randomUUID().toString();

        assertThatThrownBy(() -> stock.reserveFor(id))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("fault switched on: warehouse busy (call 3)");

        assertThat(fault.calls()).isEqualTo(3);
        assertThat(rows.count(id)).isZero();
    }
}
