package dev.rebound.faults.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.faults.app.OrderHandler;
import dev.rebound.faults.broker.FaultBroker;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outbox flow's ledger. For every command the business method was called with: acknowledged (the call returned)
 * means exactly one business row and exactly one consumer effect; not acknowledged (the process died in the call)
 * means as many effects as business rows, 0 or 1 (the transaction committed or it did not). Lost: an effect missing
 * and the message nowhere (not in the outbox, not on the queue). Duplicated: two effects (or business rows), or an
 * effect without its business row. Stuck: rows left in {@code rebound_message}, messages left on the queue
 * (browsed or hidden), transactions in doubt. None may be on the broker's dead-letter address, nor a Rebound dead
 * letter. Besides: the duplicate deliveries that {@code @Deduplicated} acknowledged without running the handler
 * (REBOUND-1070 in the applications' logs) and the copies the relays put on the queue ({@code FAULTS-RELAYED}).
 */
public record OutboxLedger(int messages, int acknowledged, int kills, int lost, int duplicated, int stuck,
                           int onDlq, int absorbed, int copies, List<String> problems) {

    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");

    static OutboxLedger take(Collection<String> keys, Set<String> acked, int kills, int absorbed, int copies,
                             BrokerProcess broker) {
        Map<String, Integer> business = count(Database.strings("SELECT order_key FROM business"));
        Map<String, Integer> effects = count(Database.strings("SELECT order_key FROM outbox_effect"));
        Map<String, Integer> inOutbox = count(keysIn(outboxBodies()));
        Map<String, Integer> deadLetters = count(keysIn(Database.strings("SELECT body FROM rebound_dead_letter")));
        List<String> preparedInDatabase = Database.strings("SELECT gid FROM pg_prepared_xacts");
        Map<String, Integer> onQueue = count(keysIn(broker.browse(OrderHandler.CHANNEL)));
        Map<String, Integer> onDlq = count(keysIn(broker.browse(FaultBroker.DLQ)));
        long queueDepth = broker.stat(OrderHandler.CHANNEL + ".messages");
        long dlqDepth = broker.stat(FaultBroker.DLQ + ".messages");
        long preparedInBroker = broker.stat("xa.prepared");

        List<String> problems = new ArrayList<>();
        int lost = 0;
        int duplicated = 0;
        int stuck = 0;
        for (String key : keys) {
            boolean ack = acked.contains(key);
            int b = business.getOrDefault(key, 0);
            int e = effects.getOrDefault(key, 0);
            int o = inOutbox.getOrDefault(key, 0);
            int q = onQueue.getOrDefault(key, 0);
            int d = deadLetters.getOrDefault(key, 0);
            String where = key + (ack ? " (acknowledged)" : " (call not acknowledged)") + ": " + b
                    + " business row(s), " + e + " effect(s), " + o + " in the outbox, " + q + " on "
                    + OrderHandler.CHANNEL + ", " + onDlq.getOrDefault(key, 0) + " on the broker's DLQ, " + d
                    + " dead letter(s)";
            if (e > 1 || b > 1 || (e == 1 && b == 0)) {
                duplicated++;
                problems.add("duplicated " + where);
            } else if ((ack || b == 1) && e == 0 && o + q > 0) {
                stuck++;
                problems.add("stuck " + where);
            } else if ((ack || b == 1) && (e == 0 || b == 0)) {
                lost++;
                problems.add("lost " + where);
            }
        }
        int browsed = onQueue.values().stream().mapToInt(Integer::intValue).sum();
        int rows = inOutbox.values().stream().mapToInt(Integer::intValue).sum();
        long left = Math.max(browsed, queueDepth) + rows;
        if (left > 0) {
            problems.add(rows + " row(s) left in rebound_message, " + Math.max(browsed, queueDepth) + " message(s) left on "
                    + OrderHandler.CHANNEL);
        }
        int deadLettered = deadLetters.values().stream().mapToInt(Integer::intValue).sum();
        if (deadLettered > 0) {
            problems.add(deadLettered + " Rebound dead letter(s)");
        }
        if (!preparedInDatabase.isEmpty()) {
            problems.add("in doubt in PostgreSQL (pg_prepared_xacts): " + preparedInDatabase);
        }
        if (preparedInBroker > 0) {
            problems.add(preparedInBroker + " prepared XA transaction(s) in the broker");
        }
        stuck += (int) (left + preparedInDatabase.size() + preparedInBroker);
        return new OutboxLedger(keys.size(), acked.size(), kills, lost, duplicated, stuck,
                (int) dlqDepth + deadLettered, absorbed, copies, List.copyOf(problems));
    }

    /** The bodies of the outbox's rows now. */
    static List<String> outboxBodies() {
        return Database.strings("SELECT body FROM rebound_message WHERE channel = '" + OrderHandler.OUTBOX + "'");
    }

    public String line() {
        return "REBOUND FAULTS outbox: " + messages + " messages, " + kills + " kills, " + lost + " lost, "
                + duplicated + " duplicated, " + stuck + " stuck, " + onDlq + " on the DLQ; " + absorbed
                + " duplicate deliveries absorbed by @Deduplicated (" + copies + " copies relayed for "
                + acknowledged + " acknowledged)";
    }

    /** Nothing lost, no effect twice, nothing stuck, nothing dead-lettered. */
    public void assertClean() {
        assertThat(List.of(lost, duplicated, stuck, onDlq))
                .as(line() + "\n" + String.join("\n", problems))
                .containsExactly(0, 0, 0, 0);
    }

    static Map<String, Integer> count(List<String> keys) {
        Map<String, Integer> counts = new HashMap<>();
        keys.forEach(k -> counts.merge(k, 1, Integer::sum));
        return counts;
    }

    static List<String> keysIn(List<String> bodies) {
        List<String> keys = new ArrayList<>();
        for (String body : bodies) {
            Matcher m = body == null ? null : KEY.matcher(body);
            if (m != null && m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }
}
