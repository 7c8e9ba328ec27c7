package dev.rebound.deadletter;

import dev.rebound.Failure;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * A dead letter row: one per failed (message, handler), keyed by {@link DeadLetterIds}. Times are epoch
 * milliseconds (BIGINT) and the ids are UUIDs as text, so that the same mapping works unchanged on PostgreSQL,
 * Derby and others, with Hibernate and EclipseLink. The DDL is the migrations in {@code db/rebound/<database>/}. Every filter of
 * the dead letter queries has an index ending in (failed_at, id), the order of pages, so that a page is an index
 * range scan at any depth and table size. The six failure columns are one {@link Failure}: converted here only
 * ({@link #failure()}, {@link #failure(Failure)}, {@link #bindFailure}), since JPA 3.1 cannot embed a record.
 */
@Entity(name = "ReboundDeadLetter")
@Table(name = "rebound_dead_letter", indexes = {
        @Index(name = "rebound_dead_letter_page", columnList = "failed_at, id"),
        @Index(name = "rebound_dead_letter_page_channel", columnList = "channel, failed_at, id"),
        @Index(name = "rebound_dead_letter_page_handler", columnList = "handler, failed_at, id"),
        @Index(name = "rebound_dead_letter_page_exception", columnList = "exception_class, failed_at, id"),
        @Index(name = "rebound_dead_letter_page_fingerprint", columnList = "fingerprint, failed_at, id"),
        @Index(name = "rebound_dead_letter_page_message", columnList = "message_id, failed_at, id")})
public class DeadLetterEntity {

    @Id
    @Column(name = "id", length = 36)
    String id;

    /** The failed message's id: the dead letters of one message (one per failed handler) share it. */
    @Column(name = "message_id", length = 36, nullable = false)
    String messageId;

    @Column(name = "payload_type", length = 500)
    String payloadType;

    @Column(name = "body")
    String body;

    @Column(name = "headers")
    String headers;

    @Column(name = "exception_class", length = 500)
    String exceptionClass;

    @Column(name = "exception_message")
    String exceptionMessage;

    @Column(name = "root_cause_class", length = 500)
    String rootCauseClass;

    @Column(name = "root_cause_message")
    String rootCauseMessage;

    @Column(name = "stack_trace")
    String stackTrace;

    @Column(name = "handler", length = 500)
    String handler;

    @Column(name = "origin", length = 500)
    String origin;

    @Column(name = "attempts")
    int attempts;

    @Column(name = "failed_at")
    long failedAt;

    @Column(name = "last_failed_at")
    long lastFailedAt;

    @Column(name = "note")
    String note;

    @Column(name = "channel", length = 200)
    String channel;

    @Column(name = "fingerprint", length = 64)
    String fingerprint;

    @Column(name = "failure_site", length = 500)
    String failureSite;

    /** A bounded JSON array of the failures ({@link AttemptHistory}). */
    @Column(name = "history")
    String history;

    /**
     * The bulk replay's claim (version 6): its owner (node, replay and batch, unique per claim), how many times the
     * row was claimed, and until when the claim holds (epoch ms); null when never claimed or released.
     */
    @Column(name = "claimed_by", length = 200)
    String claimedBy;

    @Column(name = "claim_epoch")
    Long claimEpoch;

    @Column(name = "claimed_until")
    Long claimedUntil;

    /** The failure columns as one value. */
    Failure failure() {
        return new Failure(exceptionClass, exceptionMessage, rootCauseClass, rootCauseMessage, stackTrace,
                failureSite);
    }

    void failure(Failure value) {
        exceptionClass = value.exceptionClass();
        exceptionMessage = value.exceptionMessage();
        rootCauseClass = value.rootCauseClass();
        rootCauseMessage = value.rootCauseMessage();
        stackTrace = value.stackTrace();
        failureSite = value.site();
    }

    /** The JPQL assignments of the failure columns in an update of {@code d}, bound by {@link #bindFailure}. */
    static final String FAILURE_ASSIGNMENTS = "d.exceptionClass = :exceptionClass, "
            + "d.exceptionMessage = :exceptionMessage, d.rootCauseClass = :rootCauseClass, "
            + "d.rootCauseMessage = :rootCauseMessage, d.stackTrace = :stackTrace, d.failureSite = :failureSite";

    static <Q extends jakarta.persistence.Query> Q bindFailure(Q query, Failure value) {
        query.setParameter("exceptionClass", value.exceptionClass())
                .setParameter("exceptionMessage", value.exceptionMessage())
                .setParameter("rootCauseClass", value.rootCauseClass())
                .setParameter("rootCauseMessage", value.rootCauseMessage())
                .setParameter("stackTrace", value.stackTrace())
                .setParameter("failureSite", value.site());
        return query;
    }
}
