package dev.rebound.database;

/**
 * A row of {@code rebound_message} as a consumer reads it: the wire format, never the payload.
 *
 * @param id the row's id (a random UUID, or what a foreign producer wrote)
 * @param epoch the lease epoch the consumer holds it at (0 on the skip-locked path)
 * @param dueAt when it became due, epoch milliseconds
 * @param seq its place in the insert order of the table
 * @param orderingKey its ordering key, or {@code null}
 */
record Row(String id, long epoch, String messageId, String payloadType, String body, String headers, String handler,
           String kind, int attempt, String origin, int resends, long dueAt, long seq, String orderingKey) {
}
