package dev.rebound.dedup;

import dev.rebound.Message;
import dev.rebound.MessageHeaders;

/**
 * What a {@code @Deduplicated} handler is deduplicated by, chosen at deployment: the message id, a header, or an
 * expression ({@link ExpressionKey}). Thread-safe.
 */
public interface DedupKey {

    /** The key of the message, or {@code null} (or empty) when it has none. */
    String of(Message message);

    /** What the key is, for messages: "the message id", "header 'orderId'", "expression ...". */
    String describe();

    /** The Rebound message id (kept by redeliveries, delayed retries and replays). */
    DedupKey MESSAGE_ID = new DedupKey() {
        @Override
        public String of(Message message) {
            return message.headers().messageId().toString();
        }

        @Override
        public String describe() {
            return "the message id";
        }
    };

    /** The value of a header ({@link MessageHeaders#get}: a standard header or the metadata). */
    static DedupKey header(String name) {
        return new DedupKey() {
            @Override
            public String of(Message message) {
                return message.headers().get(name);
            }

            @Override
            public String describe() {
                return "header '" + name + "'";
            }
        };
    }
}
