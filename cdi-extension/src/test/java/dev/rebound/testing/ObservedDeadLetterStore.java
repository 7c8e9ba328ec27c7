package dev.rebound.testing;

import dev.rebound.DeadLetterCursor;
import dev.rebound.DeadLetterFilter;
import dev.rebound.DeadLetterStats;
import dev.rebound.FailureGroup;
import dev.rebound.deadletter.JpaDeadLetterStore;
import dev.rebound.spi.DeadLetterRecord;
import dev.rebound.spi.DeadLetterStore;
import dev.rebound.testsupport.Jpa;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JPA store on the test PostgreSQL, as an application's {@link DeadLetterStore} bean (which replaces Rebound's),
 * with switches for what a test must make happen at a chosen moment: an operator's delete right after a replay read
 * its dead letter, a store that fails to record. Records how it is read (the largest page asked for), so that a
 * test can check that nothing loads the whole table.
 */
@ApplicationScoped
public class ObservedDeadLetterStore implements DeadLetterStore {

    private final JpaDeadLetterStore jpa = new JpaDeadLetterStore(Jpa::transactionScoped);
    private final AtomicInteger largestPage = new AtomicInteger();
    private final AtomicInteger pages = new AtomicInteger();
    private volatile boolean deleteAfterNextFind;
    private volatile RuntimeException failToRecord;

    /** The next {@link #find} returns the row and then deletes it, as an operator would in between. */
    public void deleteAfterNextFind() {
        deleteAfterNextFind = true;
    }

    /** Saving or recording a failure throws this from now on ({@code null}: works again). */
    public void failToRecord(RuntimeException failure) {
        failToRecord = failure;
    }

    public int largestPage() {
        return largestPage.get();
    }

    public int pages() {
        return pages.get();
    }

    @Override
    public void save(DeadLetterRecord record) {
        failIfAsked();
        jpa.save(record);
    }

    @Override
    public boolean recordFailure(DeadLetterRecord record) {
        failIfAsked();
        return jpa.recordFailure(record);
    }

    private void failIfAsked() {
        RuntimeException failure = failToRecord;
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public Optional<DeadLetterRecord> find(UUID id) {
        Optional<DeadLetterRecord> found = jpa.find(id);
        if (deleteAfterNextFind && found.isPresent()) {
            deleteAfterNextFind = false;
            jpa.delete(DeadLetterFilter.all().withId(id));
        }
        return found;
    }

    @Override
    public List<DeadLetterRecord> page(DeadLetterFilter filter, DeadLetterCursor after, int limit,
                                       boolean newestFirst) {
        pages.incrementAndGet();
        largestPage.accumulateAndGet(limit, Math::max);
        return jpa.page(filter, after, limit, newestFirst);
    }

    @Override
    public long count(DeadLetterFilter filter) {
        return jpa.count(filter);
    }

    @Override
    public List<FailureGroup> groups(DeadLetterFilter filter) {
        return jpa.groups(filter);
    }

    @Override
    public DeadLetterStats stats() {
        return jpa.stats();
    }

    @Override
    public int delete(DeadLetterFilter filter) {
        return jpa.delete(filter);
    }
}
