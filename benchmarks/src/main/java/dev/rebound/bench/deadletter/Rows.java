package dev.rebound.bench.deadletter;

import dev.rebound.Failure;
import dev.rebound.bench.Order;
import dev.rebound.deadletter.DeadLetterIds;
import dev.rebound.spi.DeadLetterRecord;
import dev.rebound.testsupport.Jta;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Dead letter rows for the store comparisons, and plain SQL on the same PostgreSQL. */
final class Rows {

    static final String INSERT = "INSERT INTO rebound_dead_letter (message_id, payload_type, body, headers, "
            + "exception_class, exception_message, root_cause_class, root_cause_message, stack_trace, handler, "
            + "origin, attempts, failed_at, last_failed_at, note, channel, fingerprint, failure_site, history, id) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String SITE = "dev.rebound.bench.Work.apply";
    private static final Jsonb JSONB = JsonbBuilder.create();

    private Rows() {
    }

    /** Records as Rebound writes them for a failed {@link Order}, with the given stack trace. */
    static List<DeadLetterRecord> records(int count, String stackTrace) {
        List<DeadLetterRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            Instant now = Instant.now();
            records.add(new DeadLetterRecord(DeadLetterIds.of(id, RejectingDesk.HANDLER), id, Order.class.getName(),
                    JSONB.toJson(Order.number(i)),
                    headers(id, now), new Failure(IllegalStateException.class.getName(),
                            "order " + i + " is rejected, always", IllegalStateException.class.getName(),
                            "order " + i + " is rejected, always", stackTrace, SITE),
                    RejectingDesk.HANDLER, DeadLetteringBus.class.getName() + "#send", 1, now, now, null,
                    "deadLetter", "bench-fingerprint", List.of()));
        }
        return records;
    }

    /** The headers JSON as Rebound's codec writes it. */
    static String headers(UUID id, Instant at) {
        return "{\"messageId\":\"" + id + "\",\"correlationId\":\"" + id + "\",\"timestamp\":\"" + at
                + "\",\"metadata\":{}}";
    }

    /** One row in one transaction (auto-commit), on a pooled connection, as hand-written code stores it. */
    static void insert(DeadLetterRecord r) throws SQLException {
        try (Connection c = Jta.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(INSERT)) {
            if (!c.getAutoCommit()) {
                throw new IllegalStateException("expected an auto-commit connection outside JTA");
            }
            bind(s, r);
            s.executeUpdate();
        }
    }

    /** One row on a pooled connection enlisted in the caller's JTA transaction. */
    static void insertEnlisted(DeadLetterRecord r) throws SQLException {
        try (Connection c = Jta.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(INSERT)) {
            bind(s, r);
            s.executeUpdate();
        }
    }

    static void bind(PreparedStatement s, DeadLetterRecord r) throws SQLException {
        s.setString(1, r.messageId().toString());
        s.setString(2, r.payloadType());
        s.setString(3, r.body());
        s.setString(4, r.headers());
        s.setString(5, r.failure().exceptionClass());
        s.setString(6, r.failure().exceptionMessage());
        s.setString(7, r.failure().rootCauseClass());
        s.setString(8, r.failure().rootCauseMessage());
        s.setString(9, r.failure().stackTrace());
        s.setString(10, r.handler());
        s.setString(11, r.origin());
        s.setInt(12, r.attempts());
        s.setLong(13, r.failedAt().toEpochMilli());
        s.setLong(14, r.lastFailedAt().toEpochMilli());
        s.setString(15, r.note());
        s.setString(16, r.channel());
        s.setString(17, r.fingerprint());
        s.setString(18, r.failure().site());
        // what the store writes for a first failure
        s.setString(19, "[{\"at\":" + r.lastFailedAt().toEpochMilli() + ",\"attempts\":" + r.attempts()
                + ",\"exception\":\"" + r.failure().exceptionClass() + "\",\"message\":\"" + r.failure().exceptionMessage()
                + "\",\"rootCause\":\"" + r.failure().rootCauseClass() + "\",\"rootCauseMessage\":\""
                + r.failure().rootCauseMessage() + "\",\"site\":\"" + r.failure().site() + "\"}]");
        s.setString(20, r.id().toString());
    }

    static void execute(String sql) {
        try (Connection c = Jta.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static long count() {
        return longValue("SELECT count(*) FROM rebound_dead_letter");
    }

    static long longValue(String sql) {
        try (Connection c = Jta.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The message id (and dead letter id) {@link #fill} gives row {@code i}. */
    static String messageIdOf(long i) {
        try (Connection c = Jta.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT md5('" + i + "')::uuid::text")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String tableSize() {
        try (Connection c = Jta.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_size_pretty(pg_total_relation_size('rebound_dead_letter'))")) {
            rs.next();
            return rs.getString(1) + " with indexes and TOAST";
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String stackTraceOfAStoredRow() {
        try (Connection c = Jta.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT stack_trace FROM rebound_dead_letter LIMIT 1")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Fills the table with {@code total} rows like the ones above (20 exception classes, so that grouping by
     * failure has something to group) with SQL, in chunks.
     */
    static void fill(long total, String stackTrace) throws SQLException {
        String sql = INSERT.substring(0, INSERT.indexOf(" VALUES")) + " SELECT md5(i::text)::uuid::text, '" + Order.class.getName()
                + "', '{\"customer\":\"customer-' || (i % 1000) || '\",\"lines\":\"" + "x".repeat(940)
                + "\",\"orderId\":\"order-' || i || '\",\"seq\":' || i || '}', "
                + "'{\"messageId\":\"' || md5(i::text)::uuid || '\",\"correlationId\":\"' || md5(i::text)::uuid"
                + " || '\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"metadata\":{}}', "
                + "'com.example.Failure' || (i % 20), 'order ' || i || ' is rejected', "
                + "'com.example.Failure' || (i % 20), 'order ' || i || ' is rejected', ?, '" + RejectingDesk.HANDLER
                + "', '" + DeadLetteringBus.class.getName() + "#send', 1, 1767225600000 + i, 1767225600000 + i, NULL, "
                + "'orders', 'fingerprint-' || (i % 20), '" + SITE + "', "
                + "'[{\"at\":' || (1767225600000 + i) || ',\"attempts\":1,\"exception\":\"com.example.Failure' "
                + "|| (i % 20) || '\",\"message\":\"order ' || i || ' is rejected\"}]', "
                // the row's dead letter id: the message id, as for a message that reached no handler
                + "md5(i::text)::uuid::text FROM generate_series(?, ?) i";
        long chunk = 100_000;
        try (Connection c = Jta.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (long from = 1; from <= total; from += chunk) {
                s.setString(1, stackTrace);
                s.setLong(2, from);
                s.setLong(3, Math.min(total, from + chunk - 1));
                s.executeUpdate();
            }
        }
        execute("VACUUM ANALYZE rebound_dead_letter");
    }
}
