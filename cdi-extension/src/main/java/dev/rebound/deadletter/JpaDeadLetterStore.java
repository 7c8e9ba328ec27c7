package dev.rebound.deadletter;

import dev.rebound.DeadLetterCursor;
import dev.rebound.DeadLetterFilter;
import dev.rebound.DeadLetterStats;
import dev.rebound.FailureGroup;
import dev.rebound.core.Diagnostics;
import dev.rebound.spi.DeadLetterRecord;
import dev.rebound.spi.DeadLetterStore;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The JPA dead letter store. It uses a transaction-scoped {@link EntityManager} (a container-managed one,
 * injected with {@code @PersistenceContext}) and runs in the caller's JTA transaction. Thread-safe.
 */
public final class JpaDeadLetterStore implements DeadLetterStore {

    private static final Logger LOG = Logger.getLogger(JpaDeadLetterStore.class.getName());

    private final Supplier<EntityManager> entityManager;
    private final DeadLetterCounts counts;

    public JpaDeadLetterStore(Supplier<EntityManager> entityManager) {
        this.entityManager = entityManager;
        this.counts = new DeadLetterCounts(entityManager);
    }

    /**
     * Applies {@code rebound.schema} through the EntityManager's JDBC connection; to be called in a JTA
     * transaction (the connection is the persistence context's). Fails naming what is missing for
     * {@link SchemaSetting#VALIDATE}; creates or upgrades the table
     * (the shipped migrations it lacks) for {@link SchemaSetting#CREATE}.
     */
    public void prepareSchema(SchemaSetting setting) throws SQLException {
        if (setting == SchemaSetting.NONE) {
            return;
        }
        withConnection(setting, connection -> {
            List<String> missing = ReboundSchema.missing(connection);
            if (setting == SchemaSetting.CREATE && ReboundSchema.creates(missing)) {
                String database = ReboundSchema.database(connection);
                ReboundSchema.createInTransaction(connection); // the JTA transaction's connection
                LOG.info(Diagnostics.schemaCreated(database));
                missing = ReboundSchema.missing(connection);
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException(Diagnostics.schemaIncomplete(setting.value(), missing));
            }
        });
    }

    /**
     * The database behind the EntityManager, by the name of its migrations' folder ({@link ReboundSchema#database}),
     * found as {@link #prepareSchema} finds its connection; to be called in a JTA transaction.
     */
    public String database() throws SQLException {
        String[] name = new String[1];
        withConnection(SchemaSetting.VALIDATE, connection -> name[0] = ReboundSchema.database(connection));
        return name[0];
    }

    /** The data source properties of a persistence unit: JPA's standard ones, and Hibernate's own. */
    private static final List<String> DATA_SOURCES = List.of("jakarta.persistence.jtaDataSource",
            "javax.persistence.jtaDataSource", "hibernate.connection.datasource",
            "jakarta.persistence.nonJtaDataSource");

    /**
     * Applies {@code rebound.schema} (see {@link #prepareSchema(SchemaSetting)}) on a connection of the persistence
     * context when the provider unwraps one (EclipseLink, in a transaction), else of the persistence unit's data
     * source (Hibernate, whose unit properties hold it, or its JNDI name).
     */
    private void withConnection(SchemaSetting setting, SqlWork work) throws SQLException {
        EntityManager em = entityManager.get();
        Connection unwrapped = null;
        try {
            unwrapped = em.unwrap(Connection.class);
        } catch (PersistenceException e) {
            // not this provider's: its data source below
        }
        if (unwrapped != null) {
            work.run(unwrapped); // the persistence context's own: not ours to close
            return;
        }
        DataSource dataSource = dataSource(setting, em.getEntityManagerFactory().getProperties());
        try (Connection connection = dataSource.getConnection()) {
            work.run(connection);
        }
    }

    private static DataSource dataSource(SchemaSetting setting, Map<String, Object> properties) {
        for (String key : DATA_SOURCES) {
            Object value = properties.get(key);
            if (value instanceof DataSource dataSource) {
                return dataSource;
            }
            if (value instanceof String name && !name.isBlank()) {
                try {
                    return (DataSource) new InitialContext().lookup(name);
                } catch (NamingException e) {
                    throw new IllegalStateException(Diagnostics.schemaUnreachable(setting.value(),
                            "its data source " + name + " is not in JNDI (" + e.getMessage() + ")"), e);
                }
            }
        }
        throw new IllegalStateException(Diagnostics.schemaUnreachable(setting.value(),
                "it neither unwraps a connection nor names a data source among " + DATA_SOURCES));
    }

    private interface SqlWork {
        void run(Connection connection) throws SQLException;
    }

    /**
     * On PostgreSQL one statement: an INSERT that does nothing on a conflict of the id (it waits for a concurrent
     * insert of the same id to commit, and then adds nothing), followed by {@link #recordFailure}'s UPDATE only
     * when the row was there. Elsewhere the UPDATE first, so that concurrent failures of the same dead letter add
     * up their attempts instead of overwriting each other, and an insert when there is no row; a concurrent
     * insert of the same id then fails on the primary key, and the caller retries. Neither way fails the caller's
     * transaction on a row that exists.
     */
    @Override
    public void save(DeadLetterRecord record) {
        if (postgresql()) {
            // a row deleted between the two statements (a replay, an operator) is stored anew, as a later save would
            for (int round = 0; round < SAVE_ROUNDS; round++) {
                if (insertUnlessPresent(record) == 1 || recordFailure(record)) {
                    return;
                }
            }
            throw new PersistenceException(Diagnostics.storeFailed(new SQLException("dead letter " + record.id()
                    + " was deleted and stored again by others " + SAVE_ROUNDS + " times during one save")));
        } else if (!recordFailure(record)) {
            EntityManager em = entityManager.get();
            em.persist(toEntity(record));
            em.flush();
        }
    }

    private static final int SAVE_ROUNDS = 3;

    /** The columns of a new dead letter, in the order of {@link #insertUnlessPresent}'s values. */
    private static final String INSERT_COLUMNS = "INSERT INTO " + ReboundSchema.TABLE + " (id, message_id, "
            + "payload_type, body, headers, exception_class, exception_message, root_cause_class, root_cause_message, "
            + "stack_trace, failure_site, handler, origin, attempts, failed_at, last_failed_at, note, channel, "
            + "fingerprint, history) VALUES (";

    /**
     * A null value is written as the literal {@code NULL}, not as a parameter: a provider binds an untyped null
     * of a native query by asking the driver for the parameter's type, one more round trip per statement.
     */
    private int insertUnlessPresent(DeadLetterRecord r) {
        dev.rebound.Failure f = r.failure();
        Object[] values = {r.id().toString(), r.messageId().toString(), r.payloadType(), r.body(), r.headers(),
                f.exceptionClass(), f.exceptionMessage(), f.rootCauseClass(), f.rootCauseMessage(), f.stackTrace(),
                f.site(), r.handler(), r.origin(), r.attempts(), r.failedAt().toEpochMilli(),
                r.lastFailedAt().toEpochMilli(), r.note(), r.channel(), r.fingerprint(),
                AttemptHistory.append(null, r.asAttempt())};
        StringBuilder sql = new StringBuilder(INSERT_COLUMNS.length() + 120).append(INSERT_COLUMNS);
        for (int i = 0; i < values.length; i++) {
            sql.append(i == 0 ? "" : ", ").append(values[i] == null ? "NULL" : "?");
        }
        jakarta.persistence.Query insert = entityManager.get().createNativeQuery(
                sql.append(") ON CONFLICT (id) DO NOTHING").toString());
        int position = 1;
        for (Object value : values) {
            if (value != null) {
                insert.setParameter(position++, value);
            }
        }
        return insert.executeUpdate();
    }

    /**
     * The UPDATE of {@link #save}, which holds the row lock until commit, so the history appended after it does
     * not lose concurrent entries; no row, no insert.
     */
    @Override
    public boolean recordFailure(DeadLetterRecord record) {
        EntityManager em = entityManager.get();
        String id = record.id().toString();
        int updated = DeadLetterEntity.bindFailure(em.createQuery("update ReboundDeadLetter d set "
                        + "d.attempts = d.attempts + :attempts, " + DeadLetterEntity.FAILURE_ASSIGNMENTS
                        + ", d.lastFailedAt = :lastFailedAt, d.fingerprint = :fingerprint, d.claimedBy = null, "
                        + "d.claimedUntil = null where d.id = :id"),
                        record.failure())
                .setParameter("attempts", record.attempts())
                .setParameter("lastFailedAt", record.lastFailedAt().toEpochMilli())
                .setParameter("fingerprint", record.fingerprint())
                .setParameter("id", id)
                .executeUpdate();
        if (updated == 0) {
            return false;
        }
        List<String> history = em.createQuery("select d.history from ReboundDeadLetter d where d.id = :id",
                String.class).setParameter("id", id).getResultList();
        em.createQuery("update ReboundDeadLetter d set d.history = :history where d.id = :id")
                .setParameter("history", AttemptHistory.append(history.isEmpty() ? null : history.get(0),
                        record.asAttempt()))
                .setParameter("id", id)
                .executeUpdate();
        return true;
    }

    @Override
    public Optional<DeadLetterRecord> find(UUID id) {
        return Optional.ofNullable(entityManager.get().find(DeadLetterEntity.class, id.toString()))
                .map(JpaDeadLetterStore::toRecord);
    }

    @Override
    public List<DeadLetterRecord> page(DeadLetterFilter filter, DeadLetterCursor after, int limit,
                                       boolean newestFirst) {
        Criteria where = Criteria.of(filter).after(after, newestFirst);
        String order = newestFirst ? " order by d.failedAt desc, d.id desc" : " order by d.failedAt, d.id";
        return where.bind(entityManager.get().createQuery("select d from ReboundDeadLetter d" + where.jpql() + order,
                        DeadLetterEntity.class))
                .setMaxResults(limit)
                .getResultList().stream().map(JpaDeadLetterStore::toRecord).toList();
    }

    /** On PostgreSQL at schema version 10, for a filter on groups and channels: the kept numbers summed. */
    @Override
    public long count(DeadLetterFilter filter) {
        if (counted(filter)) {
            return counts.count(filter);
        }
        Criteria where = Criteria.of(filter);
        return where.bind(entityManager.get().createQuery("select count(d) from ReboundDeadLetter d" + where.jpql(),
                Long.class)).getSingleResult();
    }

    /** Grouped in the database; sorted here, since the number of groups is small and JPQL ordering by aggregates is not portable. */
    @Override
    public List<FailureGroup> groups(DeadLetterFilter filter) {
        List<FailureGroup> groups = counted(filter) ? counts.groups(filter).orElse(null) : null;
        if (groups == null) {
            groups = countedGroups(filter);
        }
        groups.sort(Comparator.comparingLong(FailureGroup::count).reversed()
                .thenComparing(FailureGroup::lastFailedAt, Comparator.reverseOrder()));
        return groups;
    }

    private List<FailureGroup> countedGroups(DeadLetterFilter filter) {
        Criteria where = Criteria.of(filter);
        List<Object[]> rows = where.bind(entityManager.get().createQuery("select d.fingerprint, d.exceptionClass, "
                + "d.handler, d.failureSite, count(d), min(d.failedAt), max(d.lastFailedAt) from ReboundDeadLetter d"
                + where.jpql() + " group by d.fingerprint, d.exceptionClass, d.handler, d.failureSite",
                Object[].class)).getResultList();
        List<FailureGroup> groups = new ArrayList<>();
        for (Object[] row : rows) {
            groups.add(new FailureGroup((String) row[0], (String) row[1], (String) row[2], (String) row[3],
                    ((Number) row[4]).longValue(), Instant.ofEpochMilli(((Number) row[5]).longValue()),
                    Instant.ofEpochMilli(((Number) row[6]).longValue())));
        }
        return groups;
    }

    @Override
    public DeadLetterStats stats() {
        if (counted(DeadLetterFilter.all())) {
            return counts.stats();
        }
        EntityManager em = entityManager.get();
        Object[] totals = em.createQuery("select count(d), min(d.failedAt) from ReboundDeadLetter d", Object[].class)
                .getSingleResult();
        List<DeadLetterStats.ChannelCount> channels = new ArrayList<>();
        for (Object[] row : em.createQuery("select d.channel, count(d) from ReboundDeadLetter d group by d.channel",
                Object[].class).getResultList()) {
            channels.add(new DeadLetterStats.ChannelCount((String) row[0], ((Number) row[1]).longValue()));
        }
        channels.sort(Comparator.comparingLong(DeadLetterStats.ChannelCount::count).reversed());
        long total = ((Number) totals[0]).longValue();
        return new DeadLetterStats(total, total == 0 || totals[1] == null ? null
                : Instant.ofEpochMilli(((Number) totals[1]).longValue()), channels);
    }

    /**
     * One DELETE: it takes the row locks, so a concurrent delete (a second replay's claim) waits for this
     * transaction and then deletes nothing (PostgreSQL and Derby re-check the row after the wait).
     */
    @Override
    public int delete(DeadLetterFilter filter) {
        Criteria where = Criteria.of(filter);
        return where.bind(entityManager.get().createQuery("delete from ReboundDeadLetter d" + where.jpql()))
                .executeUpdate();
    }

    /** How many times a claim reads candidates again when others claimed all it found (Derby: no SKIP LOCKED). */
    private static final int CLAIM_ROUNDS = 50;

    /** Whether the database is PostgreSQL, found on first use ({@link #postgresql()}). */
    private volatile Boolean postgresql;

    /**
     * On PostgreSQL the candidates are locked with {@code FOR UPDATE SKIP LOCKED} (native SQL: EclipseLink and
     * Hibernate have no portable skip-locked hint), so concurrent claims pass each other's rows without waiting;
     * elsewhere (Derby, H2, ...) they are read without a lock and the UPDATE that sets the lease takes only those
     * still free: a row another claim took in between is not updated (the UPDATE re-checks the lease under the row
     * lock), and a claim that got none of its candidates reads again (the others' claims are then committed and
     * filtered out). Then the claimed rows are read by their owner.
     */
    @Override
    public List<DeadLetterRecord> claim(DeadLetterFilter snapshot, DeadLetterCursor after, int limit, String owner,
                                        Instant now, Instant leaseUntil) {
        EntityManager em = entityManager.get();
        for (int round = 0; round < CLAIM_ROUNDS; round++) {
            Criteria where = Criteria.of(snapshot).after(after, false).unclaimed(now.toEpochMilli(), snapshot.to());
            List<String> ids;
            if (skipLocked()) {
                List<Object> values = new ArrayList<>();
                jakarta.persistence.Query query = em.createNativeQuery("SELECT id FROM " + ReboundSchema.TABLE
                        + where.sql(values) + " ORDER BY failed_at, id LIMIT " + limit + " FOR UPDATE SKIP LOCKED");
                for (int i = 0; i < values.size(); i++) {
                    query.setParameter(i + 1, values.get(i));
                }
                ids = ((List<?>) query.getResultList()).stream().map(String::valueOf).toList();
            } else {
                ids = where.bind(em.createQuery("select d.id from ReboundDeadLetter d" + where.jpql()
                        + " order by d.failedAt, d.id", String.class)).setMaxResults(limit).getResultList();
            }
            if (ids.isEmpty()) {
                return List.of();
            }
            int claimed = em.createQuery("update ReboundDeadLetter d set d.claimedBy = :owner, "
                            + "d.claimedUntil = :until, d.claimEpoch = coalesce(d.claimEpoch, 0) + 1 "
                            + "where d.id in :ids and (d.claimedUntil is null or d.claimedUntil < :now)")
                    .setParameter("owner", owner).setParameter("until", leaseUntil.toEpochMilli())
                    .setParameter("ids", ids).setParameter("now", now.toEpochMilli()).executeUpdate();
            if (claimed > 0) {
                return em.createQuery("select d from ReboundDeadLetter d where d.claimedBy = :owner and d.id in :ids"
                                + " order by d.failedAt, d.id", DeadLetterEntity.class)
                        // read to be replayed, never changed: Hibernate keeps no snapshot to check at commit
                        // (a provider ignores the hints it does not know)
                        .setHint("org.hibernate.readOnly", true)
                        .setParameter("owner", owner).setParameter("ids", ids)
                        .getResultList().stream().map(JpaDeadLetterStore::toRecord).toList();
            }
        }
        return List.of();
    }

    /** One DELETE of the ids still held by the owner's claim. */
    @Override
    public int deleteClaimed(java.util.Collection<UUID> ids, String owner) {
        if (ids.isEmpty()) {
            return 0;
        }
        return entityManager.get().createQuery("delete from ReboundDeadLetter d where d.id in :ids "
                        + "and d.claimedBy = :owner")
                .setParameter("ids", ids.stream().map(UUID::toString).toList()).setParameter("owner", owner)
                .executeUpdate();
    }

    /** Whether the filter's count is read from the numbers kept on PostgreSQL ({@link DeadLetterCounts}). */
    private boolean counted(DeadLetterFilter filter) {
        return DeadLetterCounts.counts(filter) && postgresql() && counts.kept();
    }

    private boolean skipLocked() {
        return postgresql();
    }

    /** Whether the database is PostgreSQL (skip-locked claims, the one-statement save), found on first use. */
    private boolean postgresql() {
        Boolean known = postgresql;
        if (known == null) {
            try {
                known = "postgresql".equals(database());
            } catch (SQLException e) {
                throw new PersistenceException(Diagnostics.storeFailed(e), e);
            }
            postgresql = known;
        }
        return known;
    }

    private static DeadLetterEntity toEntity(DeadLetterRecord r) {
        DeadLetterEntity e = new DeadLetterEntity();
        e.id = r.id().toString();
        e.messageId = r.messageId().toString();
        e.payloadType = r.payloadType();
        e.body = r.body();
        e.headers = r.headers();
        e.failure(r.failure());
        e.handler = r.handler();
        e.origin = r.origin();
        e.attempts = r.attempts();
        e.failedAt = r.failedAt().toEpochMilli();
        e.lastFailedAt = r.lastFailedAt().toEpochMilli();
        e.note = r.note();
        e.channel = r.channel();
        e.fingerprint = r.fingerprint();
        e.history = AttemptHistory.append(null, r.asAttempt());
        return e;
    }

    /** Total: a row with bad data (written by hand, another tool or a bug) is shown with what is there. */
    private static DeadLetterRecord toRecord(DeadLetterEntity e) {
        UUID id = uuid(e.id);
        UUID messageId = uuid(e.messageId);
        return new DeadLetterRecord(id, messageId == null ? id : messageId, e.payloadType, e.body, e.headers,
                e.failure(), e.handler, e.origin, e.attempts, Instant.ofEpochMilli(e.failedAt),
                Instant.ofEpochMilli(e.lastFailedAt), e.note, e.channel, e.fingerprint,
                AttemptHistory.read(e.history));
    }

    /**
     * A stored id; text that is not a UUID gets the name-based UUID of the text, so that the row can still be
     * listed (it cannot be addressed by that id, but it can be deleted by filter).
     */
    private static UUID uuid(String text) {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException notAUuid) {
            return UUID.nameUUIDFromBytes(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
