package dev.rebound.deadletter;

import dev.rebound.spi.DeadLetterRecord;
import dev.rebound.spi.DeadLetterStore;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The JPA dead letter store. It uses a transaction-scoped {@link EntityManager} (a container-managed one,
 * injected with {@code @PersistenceContext}) and runs in the caller's JTA transaction. Thread-safe.
 */
public final class JpaDeadLetterStore implements DeadLetterStore {

    private final Supplier<EntityManager> entityManager;

    public JpaDeadLetterStore(Supplier<EntityManager> entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Records a failure on an existing row with one UPDATE, so that concurrent failures of the same
     * message add up their attempts instead of overwriting each other; inserts when there is no row. A
     * concurrent insert of the same id fails on the primary key, and the caller retries.
     */
    @Override
    public void save(DeadLetterRecord record) {
        EntityManager em = entityManager.get();
        int updated = em.createQuery("update ReboundDeadLetter d set d.attempts = d.attempts + :attempts, "
                        + "d.exceptionClass = :exceptionClass, d.exceptionMessage = :exceptionMessage, "
                        + "d.rootCauseClass = :rootCauseClass, d.rootCauseMessage = :rootCauseMessage, "
                        + "d.stackTrace = :stackTrace, d.lastFailedAt = :lastFailedAt where d.messageId = :id")
                .setParameter("attempts", record.attempts())
                .setParameter("exceptionClass", record.exceptionClass())
                .setParameter("exceptionMessage", record.exceptionMessage())
                .setParameter("rootCauseClass", record.rootCauseClass())
                .setParameter("rootCauseMessage", record.rootCauseMessage())
                .setParameter("stackTrace", record.stackTrace())
                .setParameter("lastFailedAt", record.lastFailedAt().toEpochMilli())
                .setParameter("id", record.messageId().toString())
                .executeUpdate();
        if (updated == 0) {
            em.persist(toEntity(record));
            em.flush();
        }
    }

    @Override
    public Optional<DeadLetterRecord> find(UUID messageId) {
        return Optional.ofNullable(entityManager.get().find(DeadLetterEntity.class, messageId.toString()))
                .map(JpaDeadLetterStore::toRecord);
    }

    @Override
    public List<DeadLetterRecord> list(int offset, int limit) {
        return entityManager.get()
                .createQuery("select d from ReboundDeadLetter d order by d.failedAt, d.messageId",
                        DeadLetterEntity.class)
                .setFirstResult(offset).setMaxResults(limit)
                .getResultList().stream().map(JpaDeadLetterStore::toRecord).toList();
    }

    @Override
    public List<UUID> ids() {
        return entityManager.get()
                .createQuery("select d.messageId from ReboundDeadLetter d order by d.failedAt, d.messageId",
                        String.class)
                .getResultList().stream().map(UUID::fromString).toList();
    }

    @Override
    public long count() {
        return entityManager.get().createQuery("select count(d) from ReboundDeadLetter d", Long.class)
                .getSingleResult();
    }

    @Override
    public boolean delete(UUID messageId) {
        return entityManager.get().createQuery("delete from ReboundDeadLetter d where d.messageId = :id")
                .setParameter("id", messageId.toString()).executeUpdate() > 0;
    }

    @Override
    public int deleteAll() {
        return entityManager.get().createQuery("delete from ReboundDeadLetter d").executeUpdate();
    }

    private static DeadLetterEntity toEntity(DeadLetterRecord r) {
        DeadLetterEntity e = new DeadLetterEntity();
        e.messageId = r.messageId().toString();
        e.payloadType = r.payloadType();
        e.body = r.body();
        e.headers = r.headers();
        e.exceptionClass = r.exceptionClass();
        e.exceptionMessage = r.exceptionMessage();
        e.rootCauseClass = r.rootCauseClass();
        e.rootCauseMessage = r.rootCauseMessage();
        e.stackTrace = r.stackTrace();
        e.handler = r.handler();
        e.origin = r.origin();
        e.attempts = r.attempts();
        e.failedAt = r.failedAt().toEpochMilli();
        e.lastFailedAt = r.lastFailedAt().toEpochMilli();
        e.note = r.note();
        return e;
    }

    private static DeadLetterRecord toRecord(DeadLetterEntity e) {
        return new DeadLetterRecord(UUID.fromString(e.messageId), e.payloadType, e.body, e.headers,
                e.exceptionClass, e.exceptionMessage, e.rootCauseClass, e.rootCauseMessage, e.stackTrace,
                e.handler, e.origin, e.attempts, Instant.ofEpochMilli(e.failedAt),
                Instant.ofEpochMilli(e.lastFailedAt), e.note);
    }
}
