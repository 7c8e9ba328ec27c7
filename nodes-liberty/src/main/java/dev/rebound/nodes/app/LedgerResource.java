package dev.rebound.nodes.app;

import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ledger of the keys with a prefix, as this node sees the shared database and the engine, one line per key:
 * {@code key onA onB replayed deadLetters queued exception} — effect rows written by node A, by node B, of them by a
 * replay, dead letters, messages a browser sees on queues jobs and strict, and on the engine's exception destination
 * (where it moves a message after {@code maxRedeliveryCount} failed deliveries).
 */
@Path("ledger")
@ApplicationScoped
@Produces(MediaType.TEXT_PLAIN)
public class LedgerResource {

    static final List<String> QUEUES = List.of("jobs", "strict");
    static final String EXCEPTION_DESTINATION = "_SYSTEM.Exception.Destination";
    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");
    private static final int PAGE = 500;
    private static final int ON_A = 0;
    private static final int ON_B = 1;
    private static final int REPLAYED = 2;
    private static final int DEAD = 3;
    private static final int QUEUED = 4;
    private static final int EXCEPTION = 5;

    private final Effects effects;
    private final DeadLetters deadLetters;

    @Resource(lookup = "jms/nodes")
    ConnectionFactory connectionFactory;

    @Inject
    public LedgerResource(Effects effects, DeadLetters deadLetters) {
        this.effects = effects;
        this.deadLetters = deadLetters;
    }

    /** For CDI's client proxy only. */
    protected LedgerResource() {
        this(null, null);
    }

    @GET
    public String ledger(@QueryParam("prefix") String prefix) {
        Map<String, int[]> keys = new TreeMap<>();
        for (String[] row : effects.rows(prefix)) {
            int[] entry = entry(keys, row[0]);
            entry["A".equals(row[1]) ? ON_A : ON_B]++;
            if (Boolean.parseBoolean(row[2])) {
                entry[REPLAYED]++;
            }
        }
        for (int offset = 0; ; offset += PAGE) {
            List<DeadLetter> page = deadLetters.list(offset, PAGE);
            for (DeadLetter letter : page) {
                String key = letter.payload() instanceof Job job ? job.key() : keyIn(letter.body());
                if (key != null && key.startsWith(prefix)) {
                    entry(keys, key)[DEAD]++;
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        QUEUES.forEach(queue -> browse(queue, prefix, keys, QUEUED));
        browse(EXCEPTION_DESTINATION, prefix, keys, EXCEPTION);
        StringBuilder text = new StringBuilder();
        keys.forEach((key, n) -> {
            text.append(key);
            for (int count : n) {
                text.append(' ').append(count);
            }
            text.append('\n');
        });
        return text.toString();
    }

    private void browse(String queue, String prefix, Map<String, int[]> keys, int column) {
        try (JMSContext context = connectionFactory.createContext();
             QueueBrowser browser = context.createBrowser(context.createQueue(queue))) {
            @SuppressWarnings("unchecked")
            Enumeration<Message> messages = browser.getEnumeration();
            for (Message message : Collections.list(messages)) {
                String key = message instanceof TextMessage text ? keyIn(text.getText()) : null;
                if (key != null && key.startsWith(prefix)) {
                    entry(keys, key)[column]++;
                }
            }
        } catch (JMSException e) {
            throw new IllegalStateException("could not browse " + queue + ": " + e, e);
        }
    }

    private static int[] entry(Map<String, int[]> keys, String key) {
        return keys.computeIfAbsent(key, k -> new int[6]);
    }

    private static String keyIn(String body) {
        if (body == null) {
            return null;
        }
        Matcher found = KEY.matcher(body);
        return found.find() ? found.group(1) : null;
    }
}
