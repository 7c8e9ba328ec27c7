package dev.rebound.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.StaleVersionException;
import dev.rebound.core.OptimisticLockRetry;
import dev.rebound.core.OptimisticLocks;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.RollbackException;
import java.util.Map;
import org.hibernate.StaleObjectStateException;
import org.junit.jupiter.api.Test;

class OptimisticLocksTest {

    private final OptimisticLocks locks = OptimisticLocks.resolve(getClass().getClassLoader());

    @Test
    void a_conflict_is_found_in_the_causes_and_in_what_a_commit_suppressed() {
        assertThat(locks.conflict(new OptimisticLockException("row changed"))).isTrue();
        assertThat(locks.conflict(new IllegalStateException(new StaleObjectStateException("Counter", "c-1"))))
                .isTrue();
        RollbackException atCommit = new RollbackException("ARJUNA016053: Could not commit transaction.");
        atCommit.addSuppressed(new jakarta.persistence.RollbackException(new OptimisticLockException("flush")));
        assertThat(locks.conflict(atCommit)).isTrue();
        assertThat(locks.conflict(new jakarta.persistence.RollbackException(
                new org.hibernate.StaleStateException("batch update returned 0")))).isTrue();
    }

    @Test
    void eclipselink_on_liberty_fails_the_commit_with_the_jpa_exception_as_cause() {
        // the shape seen on Liberty (it/ OptimisticLockRetryIT): EclipseLink's own exception (not on this class
        // path: a stand-in) is the cause of the JPA one, which is the cause of the commit's RollbackException
        RuntimeException eclipseLink = new RuntimeException("Exception [EclipseLink-5006]: "
                + "org.eclipse.persistence.exceptions.OptimisticLockException");
        RollbackException atCommit = new RollbackException("WTRN0074E before_completion");
        atCommit.initCause(new OptimisticLockException(eclipseLink.getMessage(), eclipseLink));
        assertThat(locks.conflict(atCommit)).isTrue();
    }

    @Test
    void other_failures_and_stale_expected_versions_are_no_conflict() {
        assertThat(locks.conflict(new IllegalStateException("payment provider down"))).isFalse();
        assertThat(locks.conflict(new StaleVersionException("expected 3", new OptimisticLockException()))).isFalse();
        assertThat(locks.conflict(new RuntimeException(new StaleVersionException("expected 3")))).isFalse();
        assertThat(OptimisticLocks.stale(new RuntimeException(new StaleVersionException("expected 3")))).isTrue();
    }

    @Test
    void a_cause_chain_that_loops_ends() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(locks.conflict(a)).isFalse();
    }

    @Test
    void the_back_off_doubles_to_its_cap_and_jitter_only_shortens_it() {
        OptimisticLockRetry retry = new OptimisticLockRetry(5, 10, 100, 0.5, Map.of());
        assertThat(retry.delayMs(1, 0)).isEqualTo(10);
        assertThat(retry.delayMs(2, 0)).isEqualTo(20);
        assertThat(retry.delayMs(4, 0)).isEqualTo(80);
        assertThat(retry.delayMs(5, 0)).isEqualTo(100);
        assertThat(retry.delayMs(50, 0)).isEqualTo(100);
        assertThat(retry.delayMs(5, 0.999)).isBetween(50L, 51L);
    }
}
