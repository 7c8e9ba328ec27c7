package dev.rebound.database;

import dev.rebound.MessageIds;
import dev.rebound.deadletter.ReboundSchema;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.TransportContext;
import jakarta.enterprise.inject.literal.NamedLiteral;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The table {@code rebound_message} through JDBC, on the application's JTA data source: a connection taken inside a
 * JTA transaction is enlisted in it (a server's shareable connection, Agroal's with Narayana), so that a row written
 * in a business transaction commits with the business rows on the same connection, in one phase when the data
 * source is the persistence unit's. The data source and the statements are found once, on first use (after
 * deployment: the container's resources exist then). Thread-safe.
 */
final class MessageTable {

    private final TransportContext context;
    private final DatabaseSettings settings;
    private final WireFormat wire;
    private volatile DataSource dataSource;
    private volatile Sql sql;

    MessageTable(TransportContext context, DatabaseSettings settings, WireFormat wire) {
        this.context = context;
        this.settings = settings;
        this.wire = wire;
    }

    /** The data source: {@code rebound.database.datasource} (a CDI {@code @Named} bean, else JNDI) or the bean. */
    DataSource dataSource() {
        DataSource found = dataSource;
        if (found == null) {
            synchronized (this) {
                if (dataSource == null) {
                    dataSource = lookUp();
                }
                found = dataSource;
            }
        }
        return found;
    }

    private DataSource lookUp() {
        if (settings.dataSource().isEmpty()) {
            DataSource bean = context.bean(DataSource.class);
            if (bean == null) {
                throw new IllegalStateException(DatabaseDiagnostics.noDataSource(null));
            }
            return bean;
        }
        String name = settings.dataSource().get();
        DataSource named = context.bean(DataSource.class, NamedLiteral.of(name));
        if (named != null) {
            return named;
        }
        try {
            return (DataSource) new InitialContext().lookup(name);
        } catch (NamingException | ClassCastException e) {
            throw new IllegalStateException(DatabaseDiagnostics.noDataSource(name), e);
        }
    }

    /** The statements for the data source's database, made on first use. */
    Sql sql() {
        Sql found = sql;
        if (found == null) {
            synchronized (this) {
                if (sql == null) {
                    try (Connection c = dataSource().getConnection()) {
                        sql = Sql.of(ReboundSchema.database(c), c.getMetaData().getDatabaseMajorVersion(),
                                settings.claim());
                    } catch (SQLException e) {
                        throw new IllegalStateException(DatabaseDiagnostics.databaseUnknown(e), e);
                    }
                }
                found = sql;
            }
        }
        return found;
    }

    Connection connection() throws SQLException {
        return dataSource().getConnection();
    }

    /**
     * Inserts the envelope as a new row of {@code channel}, due {@code delayMs} from now; returns its due time. The row's
     * id is time-ordered ({@link MessageIds}): the primary key grows at its end.
     */
    long insert(Connection c, String channel, Envelope envelope, long delayMs, int resends) throws SQLException {
        long now = System.currentTimeMillis();
        long due = now + Math.max(0, delayMs);
        try (PreparedStatement s = c.prepareStatement(sql().insert())) {
            s.setString(1, MessageIds.next().toString());
            s.setString(2, channel);
            setEnvelope(s, 3, envelope);
            s.setInt(11, resends);
            setOrNull(s, 12, envelope.orderingKey());
            s.setLong(13, due);
            s.setLong(14, now);
            s.executeUpdate();
        }
        return due;
    }

    /**
     * The first due row of the channel, locked for the caller's transaction and skipped by the others; of an
     * ordered channel, the first due row that is the head of its key.
     */
    Row claimLocked(Connection c, String channel, boolean ordered) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ordered ? sql().claimHead() : sql().claim())) {
            s.setFetchSize(1);
            s.setMaxRows(1);
            s.setString(1, channel);
            s.setLong(2, System.currentTimeMillis());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? row(r) : null;
            }
        }
    }

    /** Up to {@code rows} due rows of the channel, locked for the caller's transaction and skipped by the others. */
    List<Row> claimLocked(Connection c, String channel, int rows) throws SQLException {
        List<Row> claimed = new ArrayList<>(Math.min(rows, 1024));
        try (PreparedStatement s = c.prepareStatement(sql().claimBatch(rows))) {
            s.setFetchSize(rows);
            s.setMaxRows(rows);
            s.setString(1, channel);
            s.setLong(2, System.currentTimeMillis());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    claimed.add(row(r));
                }
            }
        }
        return claimed;
    }

    /** Deletes the rows at the epochs the caller holds them; false if any was gone (its lease taken over). */
    boolean deleteAll(Connection c, List<Row> rows) throws SQLException {
        if (sql().skipLocked()) {
            return deleteLocked(c, rows);
        }
        try (PreparedStatement s = c.prepareStatement(sql().delete())) {
            for (Row row : rows) {
                s.setString(1, row.id());
                s.setLong(2, row.epoch());
                s.addBatch();
            }
            for (int deleted : s.executeBatch()) {
                if (deleted == 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Rows deleted per statement of {@link #deleteLocked}, within every database's parameter limit. */
    static final int DELETE_CHUNK = 1000;

    /**
     * Deletes rows locked by the caller's transaction (SKIP LOCKED: no other transaction can change them, so their
     * epoch is not checked) with one {@code DELETE ... WHERE id IN (...)} per {@link #DELETE_CHUNK} rows.
     */
    private boolean deleteLocked(Connection c, List<Row> rows) throws SQLException {
        int deleted = 0;
        for (int from = 0; from < rows.size(); from += DELETE_CHUNK) {
            List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + DELETE_CHUNK));
            try (PreparedStatement s = c.prepareStatement(Sql.deleteIds(chunk.size()))) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 1, chunk.get(i).id());
                }
                deleted += s.executeUpdate();
            }
        }
        return deleted == rows.size();
    }

    /**
     * The due time of a keyed row its relay has forwarded in a unit that committed (or may still be committing on the
     * broker): never due, so never claimed again, yet an earlier row of its key for the order check, until its relay
     * deletes it after the whole unit completed, or {@link #sweepRelayed} after {@code lease_until}.
     */
    static final long RELAYED = Long.MAX_VALUE;

    /**
     * Marks the rows as {@link #RELAYED} by {@code owner} until {@code holdUntil}, in the caller's unit, at the
     * epochs the caller holds them; false if any was gone (its lease taken over). A relay of a keyed channel does
     * this instead of deleting them: the database commits before the broker's second phase, so a deleted row would
     * let another node send the next message of the key, and commit it on the broker, before this one.
     */
    boolean markRelayed(Connection c, List<Row> rows, String owner, long holdUntil) throws SQLException {
        String set = "UPDATE " + Sql.TABLE + " SET due_at = ?, owner = ?, lease_until = ? WHERE ";
        if (sql().skipLocked()) {
            int marked = 0;
            for (int from = 0; from < rows.size(); from += DELETE_CHUNK) {
                List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + DELETE_CHUNK));
                try (PreparedStatement s = c.prepareStatement(set + "id IN (" + "?, ".repeat(chunk.size() - 1)
                        + "?)")) {
                    s.setLong(1, RELAYED);
                    s.setString(2, owner);
                    s.setLong(3, holdUntil);
                    for (int i = 0; i < chunk.size(); i++) {
                        s.setString(i + 4, chunk.get(i).id());
                    }
                    marked += s.executeUpdate();
                }
            }
            return marked == rows.size();
        }
        try (PreparedStatement s = c.prepareStatement(set + "id = ? AND epoch = ?")) {
            for (Row row : rows) {
                s.setLong(1, RELAYED);
                s.setString(2, owner);
                s.setLong(3, holdUntil);
                s.setString(4, row.id());
                s.setLong(5, row.epoch());
                s.addBatch();
            }
            for (int marked : s.executeBatch()) {
                if (marked == 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Deletes rows {@link #markRelayed marked relayed} whose unit has completed, on a connection of its own. */
    void deleteRelayed(Connection c, List<String> ids) throws SQLException {
        for (int from = 0; from < ids.size(); from += DELETE_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + DELETE_CHUNK));
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + Sql.TABLE + " WHERE id IN ("
                    + "?, ".repeat(chunk.size() - 1) + "?) AND due_at = ?")) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 1, chunk.get(i));
                }
                s.setLong(chunk.size() + 1, RELAYED);
                s.executeUpdate();
            }
        }
    }

    /**
     * Deletes the channel's rows marked relayed whose hold has passed (their relay died before deleting them; its
     * unit had committed in the database, and its broker branch was committed or is left to that node's recovery).
     */
    int sweepRelayed(Connection c, String channel, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + Sql.TABLE + " WHERE channel = ? AND due_at = ? "
                + "AND lease_until < ?")) {
            s.setString(1, channel);
            s.setLong(2, RELAYED);
            s.setLong(3, now);
            return s.executeUpdate();
        }
    }

    /** Counts one more failed relay attempt of the row, due again at {@code dueAt}; 0 if its lease was lost. */
    int bump(Connection c, Row row, long dueAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql().bump())) {
            s.setLong(1, dueAt);
            s.setString(2, row.id());
            s.setLong(3, row.epoch());
            return s.executeUpdate();
        }
    }

    /** Locks the row again for the caller's transaction; false if it is gone or another transaction holds it. */
    boolean lock(Connection c, Row row) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql().lockById())) {
            s.setString(1, row.id());
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getLong(1) == row.epoch();
            }
        }
    }

    /**
     * Leases the first due, unleased (or expired) row of the channel for {@code owner}, each statement on its own
     * (the caller's connection is in auto-commit): the row's epoch goes up by one, so that a unit that outlived its
     * lease can no longer delete it. {@code null} when there is none.
     */
    Row lease(Connection c, String channel, String owner, boolean ordered) throws SQLException {
        long now = System.currentTimeMillis();
        List<String[]> candidates = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(ordered ? sql().candidateHeads() : sql().candidates())) {
            s.setString(1, channel);
            s.setLong(2, now);
            s.setLong(3, now);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    candidates.add(new String[] {r.getString(1), String.valueOf(r.getLong(2))});
                }
            }
        }
        for (String[] candidate : candidates) {
            long epoch = Long.parseLong(candidate[1]);
            int taken;
            try (PreparedStatement s = c.prepareStatement(sql().lease())) {
                s.setString(1, owner);
                s.setLong(2, now + settings.leaseMs());
                s.setString(3, candidate[0]);
                s.setLong(4, epoch);
                s.setLong(5, now);
                taken = s.executeUpdate();
            }
            if (taken == 1) {
                try (PreparedStatement s = c.prepareStatement(sql().read())) {
                    s.setString(1, candidate[0]);
                    s.setLong(2, epoch + 1);
                    try (ResultSet r = s.executeQuery()) {
                        if (r.next()) {
                            return row(r);
                        }
                    }
                }
            }
        }
        return null;
    }

    /** Deletes the row at the epoch the caller holds it; 0 if another node took its lease over. */
    int delete(Connection c, Row row) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql().delete())) {
            s.setString(1, row.id());
            s.setLong(2, row.epoch());
            return s.executeUpdate();
        }
    }

    /** Gives the row back unleased, due at {@code dueAt}; 0 if another node took its lease over. */
    int giveBack(Connection c, Row row, long dueAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql().giveBack())) {
            s.setLong(1, dueAt);
            s.setString(2, row.id());
            s.setLong(3, row.epoch());
            return s.executeUpdate();
        }
    }

    /**
     * Writes the row anew in its place, unleased and due at {@code dueAt}: the next attempt of an ordered row keeps
     * the row's id and its place in the insert order (a new row would go behind the later rows of its key); 0 if
     * another node took its lease over.
     */
    int rewrite(Connection c, Row row, Envelope envelope, long dueAt, int resends) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql().rewrite())) {
            setEnvelope(s, 1, envelope);
            s.setInt(9, resends);
            s.setLong(10, dueAt);
            s.setString(11, row.id());
            s.setLong(12, row.epoch());
            return s.executeUpdate();
        }
    }

    /**
     * Sets the envelope's eight columns (message id, payload type, body, headers, handler, kind, attempt, origin) from
     * parameter {@code first} on, in the order both {@code insert} and {@code rewrite} list them.
     */
    private void setEnvelope(PreparedStatement s, int first, Envelope envelope) throws SQLException {
        s.setString(first, envelope.message().headers().messageId().toString());
        s.setString(first + 1, wire.typeName(envelope));
        s.setString(first + 2, wire.body(envelope));
        s.setString(first + 3, wire.headers(envelope.message().headers()));
        setOrNull(s, first + 4, envelope.handler());
        setOrNull(s, first + 5, envelope.kind());
        s.setInt(first + 6, envelope.attempt());
        setOrNull(s, first + 7, envelope.origin());
    }

    /** Which rows of a claimed batch go now ({@code go}, in insert order) and which wait for an earlier row. */
    record InOrder(List<Row> go, List<Row> held) {
    }

    /**
     * Splits a claimed batch for a relay: a row with an ordering key goes only when every earlier row of its key
     * (insert order) goes with it in this batch, so that a key's rows leave in order even while another node holds
     * an earlier one (in flight, or waiting as a failed attempt); the rows that go are in insert order. A batch
     * without keys goes as it is, with no statement.
     */
    InOrder inOrder(Connection c, String channel, List<Row> claimed) throws SQLException {
        Map<String, List<Row>> byKey = new HashMap<>();
        long last = Long.MIN_VALUE;
        for (Row row : claimed) {
            if (row.orderingKey() != null) {
                byKey.computeIfAbsent(row.orderingKey(), k -> new ArrayList<>()).add(row);
                last = Math.max(last, row.seq());
            }
        }
        if (byKey.isEmpty()) {
            return new InOrder(claimed, List.of());
        }
        // every row of those keys up to the last claimed one, ours or not, by key in insert order
        Map<String, List<Long>> all = new HashMap<>();
        List<String> keys = new ArrayList<>(byKey.keySet());
        for (int from = 0; from < keys.size(); from += KEYS_PER_STATEMENT) {
            List<String> some = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_STATEMENT));
            try (PreparedStatement s = c.prepareStatement(Sql.keyed(some.size()))) {
                s.setString(1, channel);
                s.setLong(2, last);
                for (int i = 0; i < some.size(); i++) {
                    s.setString(3 + i, some.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        all.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getLong(2));
                    }
                }
            }
        }
        List<Row> go = new ArrayList<>(claimed.size());
        List<Row> held = new ArrayList<>();
        for (Row row : claimed) {
            if (row.orderingKey() == null) {
                go.add(row);
            }
        }
        for (Map.Entry<String, List<Row>> key : byKey.entrySet()) {
            List<Row> ours = new ArrayList<>(key.getValue());
            ours.sort(Comparator.comparingLong(Row::seq));
            List<Long> seqs = all.getOrDefault(key.getKey(), List.of());
            Collections.sort(seqs);
            int i = 0;
            // ours go while the key's rows in insert order are ours; from the first that is not, they wait
            while (i < ours.size() && i < seqs.size() && seqs.get(i) == ours.get(i).seq()) {
                go.add(ours.get(i));
                i++;
            }
            held.addAll(ours.subList(i, ours.size()));
        }
        go.sort(Comparator.comparingLong(Row::seq));
        return new InOrder(go, held);
    }

    /** Ordering keys in one statement of {@link #inOrder} (Oracle takes at most 1,000 in a list). */
    private static final int KEYS_PER_STATEMENT = 500;

    /** How many rows the channel has: waiting, delayed and in flight. */
    long depth(String channel) throws SQLException {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql().depth())) {
            s.setString(1, channel);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /**
     * The channel's row count and its smallest due time (0 without rows), in one statement on the claim index;
     * bounded by {@code timeoutSeconds}.
     */
    long[] backlog(Connection c, String channel, int timeoutSeconds) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(Sql.BACKLOG)) {
            s.setQueryTimeout(timeoutSeconds);
            s.setString(1, channel);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new long[] {r.getLong(1), r.getLong(2)};
            }
        }
    }

    private static Row row(ResultSet r) throws SQLException {
        return new Row(r.getString(1), r.getLong(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                r.getString(7), r.getString(8), r.getInt(9), r.getString(10), r.getInt(11), r.getLong(12),
                r.getLong(13), r.getString(14));
    }

    private static void setOrNull(PreparedStatement s, int index, String value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.VARCHAR);
        } else {
            s.setString(index, value);
        }
    }
}
