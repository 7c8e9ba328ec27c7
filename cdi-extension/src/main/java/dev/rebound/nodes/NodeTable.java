package dev.rebound.nodes;

import dev.rebound.deadletter.ReboundSchema;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The table {@code rebound_node} (schema version 9), through the application's JTA EntityManager with native
 * statements (portable SQL, no entity): every method runs in the caller's transaction, which the registry keeps
 * short and apart from any message's. Thread-safe.
 */
public final class NodeTable {

    private static final String TABLE = ReboundSchema.NODE_TABLE;
    private static final String COLUMNS = String.join(", ", ReboundSchema.NODE_COLUMNS);

    private final Supplier<EntityManager> entityManager;

    public NodeTable(Supplier<EntityManager> entityManager) {
        this.entityManager = entityManager;
    }

    /** The node's row, {@code null} if it has none. */
    public NodeRow find(String node) {
        List<?> rows = entityManager.get().createNativeQuery("SELECT " + COLUMNS + " FROM " + TABLE
                + " WHERE node = ?").setParameter(1, node).getResultList();
        return rows.isEmpty() ? null : row((Object[]) rows.get(0));
    }

    /** Writes the row: updates the node's, or inserts it if there is none. */
    public void write(NodeRow row) {
        int updated = entityManager.get().createNativeQuery("UPDATE " + TABLE + " SET started_at = ?, heartbeat_at = ?, "
                        + "heartbeat_ms = ?, stopped_at = NULL, version = ?, channels = ? WHERE node = ?")
                .setParameter(1, row.startedAt()).setParameter(2, row.heartbeatAt()).setParameter(3, row.heartbeatMs())
                .setParameter(4, row.version()).setParameter(5, row.channels()).setParameter(6, row.node())
                .executeUpdate();
        if (updated == 0) {
            entityManager.get().createNativeQuery("INSERT INTO " + TABLE + " (node, started_at, heartbeat_at, "
                            + "heartbeat_ms, version, channels) VALUES (?, ?, ?, ?, ?, ?)")
                    .setParameter(1, row.node()).setParameter(2, row.startedAt()).setParameter(3, row.heartbeatAt())
                    .setParameter(4, row.heartbeatMs()).setParameter(5, row.version()).setParameter(6, row.channels())
                    .executeUpdate();
        }
    }

    /** Marks the node stopped at {@code atMs}, with its consumers as they were then; whether it had a row. */
    public boolean stopped(String node, long atMs, String channels) {
        return entityManager.get().createNativeQuery("UPDATE " + TABLE + " SET stopped_at = ?, heartbeat_at = ?, "
                        + "channels = ? WHERE node = ?")
                .setParameter(1, atMs).setParameter(2, atMs).setParameter(3, channels).setParameter(4, node)
                .executeUpdate() > 0;
    }

    /**
     * The first {@code max} rows by node name. (No row limit in the SQL: a native query's limit is the provider's and
     * the dialect's business, not portable; the table has a row per node.)
     */
    public List<NodeRow> all(int max) {
        List<NodeRow> rows = new ArrayList<>();
        for (Object row : entityManager.get().createNativeQuery("SELECT " + COLUMNS + " FROM " + TABLE
                + " ORDER BY node").getResultList()) {
            if (rows.size() == max) {
                break;
            }
            rows.add(row((Object[]) row));
        }
        return rows;
    }

    /**
     * Deletes at most {@code max} rows of nodes not heard from since before {@code beforeMs} (their last heartbeat,
     * or their stop); how many. Each row is deleted by its key and only if still that old, so that a node that came
     * back meanwhile keeps its row and nodes purging at once delete each row once.
     */
    public int purge(long beforeMs, int max) {
        List<?> names = entityManager.get().createNativeQuery("SELECT node FROM " + TABLE + " WHERE heartbeat_at < ?")
                .setParameter(1, beforeMs).getResultList();
        int deleted = 0;
        for (Object name : names.subList(0, Math.min(max, names.size()))) {
            deleted += entityManager.get().createNativeQuery("DELETE FROM " + TABLE
                            + " WHERE node = ? AND heartbeat_at < ?")
                    .setParameter(1, name).setParameter(2, beforeMs).executeUpdate();
        }
        return deleted;
    }

    /** A pause or resume of a channel on every node, as {@code rebound_channel_pause} holds it. */
    public record ChannelOrder(String channel, boolean paused, long changedAt, String changedBy) {
    }

    /** Every channel's last pause or resume on every node. */
    public List<ChannelOrder> orders() {
        List<ChannelOrder> orders = new ArrayList<>();
        for (Object row : entityManager.get().createNativeQuery("SELECT channel, paused, changed_at, changed_by FROM "
                + ReboundSchema.CHANNEL_PAUSE_TABLE + " ORDER BY channel").getResultList()) {
            Object[] columns = (Object[]) row;
            orders.add(new ChannelOrder((String) columns[0], number(columns[1]) == 1, number(columns[2]),
                    (String) columns[3]));
        }
        return orders;
    }

    /**
     * Records a pause (or resume) of the channel on every node: updates its row, or inserts it; returns the
     * {@code changed_at} stored, which is {@code atMs} or, if the row's was not older (another node's clock ahead),
     * one more than the row's: each change is later than the one before, whichever clocks the nodes have.
     */
    public long order(String channel, boolean paused, long atMs, String node) {
        int updated = entityManager.get().createNativeQuery("UPDATE " + ReboundSchema.CHANNEL_PAUSE_TABLE
                        + " SET paused = ?, changed_at = CASE WHEN changed_at >= ? THEN changed_at + 1 ELSE ? END, "
                        + "changed_by = ? WHERE channel = ?")
                .setParameter(1, paused ? 1 : 0).setParameter(2, atMs).setParameter(3, atMs)
                .setParameter(4, node).setParameter(5, channel).executeUpdate();
        if (updated == 0) {
            entityManager.get().createNativeQuery("INSERT INTO " + ReboundSchema.CHANNEL_PAUSE_TABLE
                            + " (channel, paused, changed_at, changed_by) VALUES (?, ?, ?, ?)")
                    .setParameter(1, channel).setParameter(2, paused ? 1 : 0).setParameter(3, atMs)
                    .setParameter(4, node).executeUpdate();
            return atMs;
        }
        return number(entityManager.get().createNativeQuery("SELECT changed_at FROM "
                + ReboundSchema.CHANNEL_PAUSE_TABLE + " WHERE channel = ?").setParameter(1, channel)
                .getSingleResult());
    }

    private static NodeRow row(Object[] columns) {
        return new NodeRow((String) columns[0], number(columns[1]), number(columns[2]), number(columns[3]),
                columns[4] == null ? null : number(columns[4]), (String) columns[5], (String) columns[6]);
    }

    /** A BIGINT as the driver gives it (Long, or BigDecimal for Oracle's NUMBER(19)). */
    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
