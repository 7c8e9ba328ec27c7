package dev.rebound.inmemory;

import dev.rebound.MessageHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What a test sees of the in-memory channels of the running application (the transport made last in this JVM):
 * the messages that wait, raw messages for poison handling, and a wait until every channel is idle. Static, so
 * that it needs no CDI; thread-safe.
 */
public final class InMemoryChannels {

    private static volatile InMemoryTransport current;

    private InMemoryChannels() {
    }

    static void register(InMemoryTransport transport) {
        current = transport;
    }

    /** The names of the in-memory channels. */
    public static Set<String> channels() {
        return new TreeSet<>(transport().queues().keySet());
    }

    /** The messages on a channel: in flight first, then waiting in the order they will be taken (delayed ones too). */
    public static List<WaitingMessage> waiting(String channel) {
        return queue(channel).messages();
    }

    /** How many messages are on a channel, waiting, delayed or in flight. */
    public static int depth(String channel) {
        return waiting(channel).size();
    }

    /**
     * Puts a message on a channel as a foreign producer would: {@code body} as the payload's text, under the type
     * name {@code payloadType} (or without one, and then without Rebound's headers, when {@code null}). A body that
     * is not JSON for the type, or an unknown type, makes a poison message, stored as a dead letter.
     *
     * @return the queue's id of the message, which is also the id of its dead letter if it cannot be read
     */
    public static UUID sendRaw(String channel, String payloadType, String body) {
        UUID id = UUID.randomUUID();
        MessageHeaders headers = payloadType == null ? null : MessageHeaders.first(Instant.now(), null, Map.of());
        queue(channel).offer(new Stored(id, body, payloadType, headers, null, "COMMAND", 1, "in-memory test", 0), 0);
        return id;
    }

    /** Removes the messages that wait on a channel (not those in flight); returns how many. */
    public static int purge(String channel) {
        return queue(channel).purge();
    }

    /**
     * Waits until no channel has a message waiting, delayed, in flight or about to commit.
     *
     * @throws IllegalStateException (REBOUND-3075) naming the busy channels and their depth, if the timeout passes
     */
    public static void awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, Integer> busy = new TreeMap<>();
            for (Map.Entry<String, InMemoryQueue> queue : transport().queues().entrySet()) {
                if (!queue.getValue().idle()) {
                    busy.put(queue.getKey(), queue.getValue().messages().size());
                }
            }
            if (busy.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(InMemoryDiagnostics.notIdle(timeout, busy));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the in-memory channels", e);
            }
        }
    }

    private static InMemoryQueue queue(String channel) {
        InMemoryQueue queue = transport().queue(channel);
        if (queue == null) {
            throw new IllegalArgumentException(InMemoryDiagnostics.noChannel(channel, channels()));
        }
        return queue;
    }

    private static InMemoryTransport transport() {
        InMemoryTransport transport = current;
        if (transport == null) {
            throw new IllegalStateException(InMemoryDiagnostics.noTransport());
        }
        return transport;
    }
}
