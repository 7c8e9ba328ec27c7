package dev.rebound.faults.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.faults.broker.FaultBroker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What became of every message sent: its business effects (rows in {@code effect}) plus its dead letters must be
 * exactly 1. Lost: neither, and nowhere on the broker. Duplicated: more than 1 (handled twice, or handled and
 * dead-lettered). Stuck: still on a queue, or in doubt (prepared in PostgreSQL or in the broker). None may be on the
 * broker's own dead-letter address.
 */
public record Ledger(int messages, int kills, int lost, int duplicated, int stuck, int onBrokerDlq,
                     List<String> problems) {

    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");

    static Ledger take(List<String> keys, int kills, BrokerProcess broker) {
        return take(keys, kills, broker, List.of(FaultRun.WORK));
    }

    /** The ledger of messages sent to any of {@code queues} (several nodes also use {@code later}). */
    static Ledger take(List<String> keys, int kills, BrokerProcess broker, List<String> queues) {
        return take(keys, kills, List.of(broker), queues);
    }

    /** The ledger over every broker of a cluster: a message may be on any of them. */
    static Ledger take(List<String> keys, int kills, List<BrokerProcess> brokers, List<String> queues) {
        Map<String, Integer> effects = count(Database.strings("SELECT message_key FROM effect"));
        Map<String, Integer> deadLetters = count(keysIn(Database.strings("SELECT body FROM rebound_dead_letter")));
        List<String> preparedInDatabase = Database.strings("SELECT gid FROM pg_prepared_xacts");
        List<String> queued = new ArrayList<>();
        List<String> dlq = new ArrayList<>();
        List<String> expiry = new ArrayList<>();
        long workDepth = 0;
        long dlqDepth = 0;
        long expiryDepth = 0;
        long preparedInBroker = 0;
        long forwarding = 0;
        for (BrokerProcess broker : brokers) {
            queues.forEach(q -> queued.addAll(broker.browse(q)));
            dlq.addAll(broker.browse(FaultBroker.DLQ));
            expiry.addAll(broker.browse(FaultBroker.EXPIRY));
            workDepth += queues.stream().mapToLong(q -> broker.stat(q + ".messages")).sum();
            dlqDepth += broker.stat(FaultBroker.DLQ + ".messages");
            expiryDepth += broker.stat(FaultBroker.EXPIRY + ".messages");
            preparedInBroker += broker.stat("xa.prepared");
            forwarding += broker.stat("sf.messages");
        }
        Map<String, Integer> onWork = count(keysIn(queued));
        Map<String, Integer> onDlq = count(keysIn(dlq));
        Map<String, Integer> onExpiry = count(keysIn(expiry));

        List<String> problems = new ArrayList<>();
        int lost = 0;
        int duplicated = 0;
        int stuck = 0;
        for (String key : keys) {
            int e = effects.getOrDefault(key, 0);
            int d = deadLetters.getOrDefault(key, 0);
            int w = onWork.getOrDefault(key, 0);
            int q = onDlq.getOrDefault(key, 0);
            int x = onExpiry.getOrDefault(key, 0);
            String where = key + ": " + e + " effect(s), " + d + " dead letter(s), " + w + " on " + String.join("/", queues)
                    + ", " + q + " on the broker's DLQ, " + x + " on " + FaultBroker.EXPIRY;
            if (e + d > 1) {
                duplicated++;
                problems.add("duplicated " + where);
            } else if (e + d == 0 && w + q + x > 0) {
                stuck++;
                problems.add("stuck " + where);
            } else if (e + d == 0) {
                lost++;
                problems.add("lost " + where);
            } else if (q > 0) {
                problems.add("also on the broker's DLQ " + where);
            }
        }
        int browsed = onWork.values().stream().mapToInt(Integer::intValue).sum();
        long hidden = Math.max(0, workDepth - browsed)
                + Math.max(0, expiryDepth - onExpiry.values().stream().mapToInt(Integer::intValue).sum());
        if (hidden > 0) {
            problems.add(hidden + " message(s) scheduled or in delivery still on the queues");
        }
        if (!preparedInDatabase.isEmpty()) {
            problems.add("in doubt in PostgreSQL (pg_prepared_xacts): " + preparedInDatabase);
        }
        if (preparedInBroker > 0) {
            problems.add(preparedInBroker + " prepared XA transaction(s) in the broker");
        }
        if (forwarding > 0) {
            problems.add(forwarding + " message(s) waiting to be forwarded to another broker of the cluster");
        }
        stuck += (int) (hidden + preparedInDatabase.size() + preparedInBroker + forwarding);
        return new Ledger(keys.size(), kills, lost, duplicated, stuck, (int) dlqDepth, List.copyOf(problems));
    }

    public String line() {
        return "REBOUND FAULTS xa: " + messages + " messages, " + kills + " kills, " + lost + " lost, " + duplicated
                + " duplicated, " + stuck + " stuck, " + onBrokerDlq + " on the broker's DLQ";
    }

    /** Nothing lost, nothing done twice, nothing stuck, nothing taken by the broker. */
    public void assertClean() {
        assertThat(List.of(lost, duplicated, stuck, onBrokerDlq))
                .as(line() + "\n" + String.join("\n", problems))
                .containsExactly(0, 0, 0, 0);
    }

    private static Map<String, Integer> count(List<String> keys) {
        Map<String, Integer> counts = new HashMap<>();
        keys.forEach(k -> counts.merge(k, 1, Integer::sum));
        return counts;
    }

    /** The job's key in a message or dead letter body, or {@code null}. */
    public static String keyIn(String body) {
        Matcher m = body == null ? null : KEY.matcher(body);
        return m != null && m.find() ? m.group(1) : null;
    }

    private static List<String> keysIn(List<String> bodies) {
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
