package dev.rebound.deadletter;

import dev.rebound.DeadLetterCursor;
import dev.rebound.DeadLetterFilter;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JPQL {@code where} clause of a {@link DeadLetterFilter} and a page cursor, with its parameters. Values are
 * always bound, never concatenated. The cursor condition repeats the bound on {@code failedAt} alone, which
 * lets the database range-scan the (filter column, failed_at, id) index instead of reading every row
 * before the cursor; JPQL has no row-value comparison to say it in one.
 */
final class Criteria {

    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    private Criteria() {
    }

    static Criteria of(DeadLetterFilter filter) {
        Criteria c = new Criteria();
        c.equal("channel", filter.channel());
        c.equal("handler", filter.handler());
        c.equal("exceptionClass", filter.exceptionClass());
        c.equal("fingerprint", filter.fingerprint());
        if (filter.from() != null) {
            c.add("d.failedAt >= :from", "from", filter.from().toEpochMilli());
        }
        if (filter.to() != null) {
            c.add("d.failedAt <= :to", "to", filter.to().toEpochMilli());
        }
        if (filter.messageId() != null) {
            c.add("d.messageId = :messageId", "messageId", filter.messageId().toString());
        }
        if (filter.id() != null) {
            c.add("d.id = :id", "id", filter.id().toString());
        }
        return c;
    }

    Criteria after(DeadLetterCursor cursor, boolean descending) {
        if (cursor != null) {
            String op = descending ? "<" : ">";
            conditions.add("d.failedAt " + op + "= :cursorAt and (d.failedAt " + op + " :cursorAt or d.id "
                    + op + " :cursorId)");
            parameters.put("cursorAt", cursor.failedAt().toEpochMilli());
            parameters.put("cursorId", cursor.id().toString());
        }
        return this;
    }

    /**
     * Only records no bulk replay's claim holds at {@code now} (never claimed, released, or the lease ended) and,
     * with a cut-off, whose latest failure is not after it (one that failed again meanwhile is not met twice).
     */
    Criteria unclaimed(long now, java.time.Instant cutOff) {
        add("(d.claimedUntil is null or d.claimedUntil < :claimNow)", "claimNow", now);
        if (cutOff != null) {
            add("d.lastFailedAt <= :cutOff", "cutOff", cutOff.toEpochMilli());
        }
        return this;
    }

    private static final java.util.regex.Pattern FIELD = java.util.regex.Pattern.compile("d\\.(\\w+)");
    private static final java.util.regex.Pattern PARAMETER = java.util.regex.Pattern.compile(":(\\w+)");

    /**
     * The same conditions in SQL on the table's columns ({@code failedAt} is {@code failed_at}), for a native
     * statement: ordinal parameters {@code ?1}, {@code ?2}, ... whose values are added to {@code values} in order.
     */
    String sql(List<Object> values) {
        return conditions.isEmpty() ? "" : " where " + sqlConditions(values, "");
    }

    /**
     * The conditions alone ({@code true} when there are none), their columns prefixed with {@code alias}
     * ({@code "d."}, or {@code ""}), numbered on from the values already in {@code values}: a statement that
     * repeats the conditions calls this once for each place.
     */
    String sqlConditions(List<Object> values, String alias) {
        if (conditions.isEmpty()) {
            return "true";
        }
        String jpql = String.join(" and ", conditions);
        StringBuilder columns = new StringBuilder();
        java.util.regex.Matcher field = FIELD.matcher(jpql);
        while (field.find()) {
            field.appendReplacement(columns, alias + field.group(1).replaceAll("([A-Z])", "_$1").toLowerCase(
                    java.util.Locale.ROOT));
        }
        field.appendTail(columns);
        StringBuilder bound = new StringBuilder();
        java.util.regex.Matcher parameter = PARAMETER.matcher(columns);
        while (parameter.find()) {
            values.add(parameters.get(parameter.group(1)));
            parameter.appendReplacement(bound, "?" + values.size());
        }
        parameter.appendTail(bound);
        return bound.toString();
    }

    private void equal(String field, String value) {
        if (value != null) {
            add("d." + field + " = :" + field, field, value);
        }
    }

    private void add(String condition, String name, Object value) {
        conditions.add(condition);
        parameters.put(name, value);
    }

    String jpql() {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    <Q extends Query> Q bind(Q query) {
        parameters.forEach(query::setParameter);
        return query;
    }
}
