package dev.rebound.deadletter;

import dev.rebound.DeadLetterFilter;
import dev.rebound.DeadLetterStats;
import dev.rebound.FailureGroup;
import dev.rebound.core.Diagnostics;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * {@link JpaDeadLetterStore}'s count, stats and groups on PostgreSQL, read from {@code rebound_dead_letter_count}
 * (schema version 10), whose triggers keep the number of dead letters per failure group, channel and slot: a few
 * rows summed instead of every dead letter counted. Only for the filters on the columns that table has (channel,
 * handler, exception class, fingerprint); a filter on time, message or id counts the dead letters themselves.
 * A group's first and latest failure are read from the dead letter table by its fingerprint's indexes. Thread-safe.
 */
final class DeadLetterCounts {

    private static final Logger LOG = Logger.getLogger(DeadLetterCounts.class.getName());

    /** The triggers of version 10, all enabled, and its table: the numbers are kept. */
    private static final String KEPT = "SELECT count(*) FROM pg_trigger WHERE tgrelid = to_regclass('"
            + ReboundSchema.TABLE + "') AND tgenabled <> 'D' AND tgname IN ('rebound_dead_letter_added', "
            + "'rebound_dead_letter_removed', 'rebound_dead_letter_truncated', 'rebound_dead_letter_moved') "
            + "AND to_regclass('" + ReboundSchema.COUNT_TABLE + "') IS NOT NULL";

    private static final String GROUP_COLUMNS = "fingerprint, exception_class, handler, failure_site";

    /** A dead letter {@code d} of group {@code g}: the fingerprint first, for its indexes. */
    private static final String OF_GROUP = "d.fingerprint = g.fingerprint "
            + "AND d.exception_class IS NOT DISTINCT FROM g.exception_class "
            + "AND d.handler IS NOT DISTINCT FROM g.handler AND d.failure_site IS NOT DISTINCT FROM g.failure_site";

    private final Supplier<EntityManager> entityManager;
    private volatile Boolean kept;
    private volatile boolean warned;

    DeadLetterCounts(Supplier<EntityManager> entityManager) {
        this.entityManager = entityManager;
    }

    /** Whether the filter is on the counted columns only. */
    static boolean counts(DeadLetterFilter filter) {
        return filter.from() == null && filter.to() == null && filter.messageId() == null && filter.id() == null;
    }

    /**
     * Whether this PostgreSQL schema keeps the numbers (its triggers are there and enabled), found on first use:
     * a schema at version 9 or below, or with the triggers disabled, is counted the long way, and the log says so
     * once.
     */
    boolean kept() {
        Boolean known = kept;
        if (known == null) {
            known = number(entityManager.get().createNativeQuery(KEPT).getSingleResult()) == 4;
            if (!known) {
                LOG.info(Diagnostics.deadLetterCountsNotKept(ReboundSchema.COUNT_TABLE));
            }
            kept = known;
        }
        return known;
    }

    long count(DeadLetterFilter filter) {
        List<Object> values = new ArrayList<>();
        String where = Criteria.of(filter).sql(values);
        return number(bind(entityManager.get().createNativeQuery("SELECT coalesce(sum(dead_letters), 0) FROM "
                + ReboundSchema.COUNT_TABLE + where), values).getSingleResult());
    }

    /**
     * The groups with their numbers, and each group's first and latest failure; empty when a group's dead letters
     * are not found by its fingerprint (a dead letter without one, written by an older version or by hand, or
     * numbers that no longer match the table): the caller then groups the dead letters themselves.
     */
    Optional<List<FailureGroup>> groups(DeadLetterFilter filter) {
        Criteria criteria = Criteria.of(filter);
        List<Object> values = new ArrayList<>();
        String first = "(SELECT min(d.failed_at) FROM " + ReboundSchema.TABLE + " d WHERE " + OF_GROUP + " AND "
                + criteria.sqlConditions(values, "d.") + ")";
        String latest = "(SELECT max(d.last_failed_at) FROM " + ReboundSchema.TABLE + " d WHERE " + OF_GROUP
                + " AND " + criteria.sqlConditions(values, "d.") + ")";
        String grouped = "SELECT " + GROUP_COLUMNS + ", sum(dead_letters) AS dead_letters FROM "
                + ReboundSchema.COUNT_TABLE + " WHERE " + criteria.sqlConditions(values, "") + " GROUP BY "
                + GROUP_COLUMNS + " HAVING sum(dead_letters) > 0";
        List<?> rows = bind(entityManager.get().createNativeQuery("SELECT g.fingerprint, g.exception_class, "
                + "g.handler, g.failure_site, g.dead_letters, " + first + ", " + latest + " FROM (" + grouped
                + ") g"), values).getResultList();
        List<FailureGroup> groups = new ArrayList<>(rows.size());
        for (Object result : rows) {
            Object[] row = (Object[]) result;
            if (row[5] == null || row[6] == null) {
                if (row[0] != null && !warned) {
                    warned = true;
                    LOG.warning(Diagnostics.deadLetterCountsDrifted(ReboundSchema.COUNT_TABLE, (String) row[0]));
                }
                return Optional.empty();
            }
            groups.add(new FailureGroup((String) row[0], (String) row[1], (String) row[2], (String) row[3],
                    number(row[4]), Instant.ofEpochMilli(number(row[5])), Instant.ofEpochMilli(number(row[6]))));
        }
        return Optional.of(groups);
    }

    /** The total, the first failure (by the table's page index) and the numbers per channel. */
    DeadLetterStats stats() {
        EntityManager em = entityManager.get();
        List<DeadLetterStats.ChannelCount> channels = new ArrayList<>();
        long total = 0;
        for (Object result : em.createNativeQuery("SELECT channel, sum(dead_letters) FROM "
                + ReboundSchema.COUNT_TABLE + " GROUP BY channel HAVING sum(dead_letters) > 0").getResultList()) {
            Object[] row = (Object[]) result;
            long count = number(row[1]);
            channels.add(new DeadLetterStats.ChannelCount((String) row[0], count));
            total += count;
        }
        channels.sort(java.util.Comparator.comparingLong(DeadLetterStats.ChannelCount::count).reversed());
        Object first = total == 0 ? null : scalar(em.createNativeQuery("SELECT min(failed_at) FROM "
                + ReboundSchema.TABLE).getSingleResult());
        return new DeadLetterStats(total, first == null ? null : Instant.ofEpochMilli(number(first)), channels);
    }

    private static Query bind(Query query, List<Object> values) {
        for (int i = 0; i < values.size(); i++) {
            query.setParameter(i + 1, values.get(i));
        }
        return query;
    }

    /** A provider may return a one-column row as the value or as an array of one. */
    private static Object scalar(Object result) {
        return result instanceof Object[] row ? row[0] : result;
    }

    /** sum() of a BIGINT is a NUMERIC on PostgreSQL: a BigDecimal, or a Long, depending on the provider. */
    private static long number(Object result) {
        return ((Number) scalar(result)).longValue();
    }
}
