package dev.rebound.deadletter;

import dev.rebound.Failure;
import dev.rebound.Channels;
import dev.rebound.ErrorMessage;
import dev.rebound.Message;
import dev.rebound.ReboundException;
import dev.rebound.core.ChannelRegistry;
import dev.rebound.core.Diagnostics;
import dev.rebound.core.tx.Transactions;
import dev.rebound.pipeline.Interceptors;
import dev.rebound.spi.DeadLetterRecord;
import dev.rebound.spi.DeadLetterStore;
import dev.rebound.spi.MessageChannel;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@value Channels#DEAD_LETTER} channel: stores each {@link ErrorMessage} in a transaction of its
 * own, so that the caller's rollback cannot take the dead letter with it; a JMS consumer stores it in its unit
 * of work instead ({@link #sendInCurrentTransaction}), so that the dead letter commits with the acknowledgement.
 * When two stores of the same dead letter (message and handler) race, the loser's insert fails on the key and is
 * retried once as an update. If storing fails, {@link #send} throws and the caller keeps the original failure.
 */
public final class DeadLetterChannel implements MessageChannel, ChannelRegistry.Joining {

    private final Supplier<DeadLetterStore> store;
    private final DeadLetterCodec codec;
    private final Transactions transactions;
    private final Function<String, String> channelOfHandler;
    private final Interceptors interceptors;

    /**
     * @param channelOfHandler the asynchronous channel of a handler id, {@code null} for synchronous handlers
     */
    public DeadLetterChannel(Supplier<DeadLetterStore> store, DeadLetterCodec codec, Transactions transactions,
                             Function<String, String> channelOfHandler, Interceptors interceptors) {
        this.store = store;
        this.codec = codec;
        this.transactions = transactions;
        this.channelOfHandler = channelOfHandler;
        this.interceptors = interceptors;
    }

    @Override
    public String name() {
        return Channels.DEAD_LETTER;
    }

    @Override
    public void send(Message message) {
        ErrorMessage error = intercepted(message);
        save(codec.encode(error, channelOf(error.handler())), error.originalMessage());
    }

    /**
     * Stores the dead letter in the caller's transaction, once: a consumer's unit of work, so that the dead
     * letter and the message's acknowledgement commit together (a failed save rolls both back).
     */
    @Override
    public void sendInCurrentTransaction(Message message) {
        ErrorMessage error = intercepted(message);
        DeadLetterRecord record = codec.encode(error, channelOf(error.handler()));
        store.get().save(record);
        interceptors.deadLettered(error.originalMessage(), record.channel(), record.handler());
    }

    /** The ErrorMessage with the failed message as the interceptors want it stored ({@code deadLettering}). */
    private ErrorMessage intercepted(Message message) {
        if (!(message.payload() instanceof ErrorMessage error)) {
            throw new IllegalArgumentException(Diagnostics.notAnErrorMessage(name(), message.payload()));
        }
        Message original = error.originalMessage();
        Message stored = interceptors.deadLettering(original, channelOf(error.handler()), error.handler());
        return stored == original ? error : new ErrorMessage(stored, error.failure(), error.handler(),
                error.origin(), error.attempts(), error.failedAt(), error.exception());
    }

    String channelOf(String handler) {
        return handler == null ? null : channelOfHandler.apply(handler);
    }

    /**
     * Stores a message that could not be read from a queue, with its raw body and properties and the reason.
     * Carries out {@link dev.rebound.spi.Inbound#poison}.
     */
    public void savePoison(UUID id, String channel, String body, Map<String, String> properties, String reason,
                           Instant now) {
        String kind = PoisonMessage.class.getName();
        // grouped by channel and reason code: "unreadable messages on channel orders" is the operator's question
        String site = "channel " + channel + ": " + reasonCode(reason);
        String message = Failure.cut(reason, Failure.MAX_MESSAGE_LENGTH);
        Failure failure = new Failure(kind, message, kind, message, message, site);
        // no handler was reached: the dead letter's id is the message's (DeadLetterIds)
        save(new DeadLetterRecord(DeadLetterIds.of(id, null), id, properties.get("rebound_payloadType"), body,
                codec.propertiesJson(properties), failure, null, "channel " + channel, 1, now, now,
                message, channel, Fingerprints.of(failure, null), java.util.List.of()), null);
    }

    private static String reasonCode(String reason) {
        return reason != null && reason.startsWith("REBOUND-") && reason.indexOf(':') > 0
                ? reason.substring(0, reason.indexOf(':')) : "unreadable";
    }

    /** Names the kind of failure of an unreadable message in its dead letter. */
    public static final class PoisonMessage {
        private PoisonMessage() {
        }
    }

    /** @param message the failed message, for the interceptors; {@code null} for an unreadable one */
    void save(DeadLetterRecord record, Message message) {
        try {
            saveOnce(record);
            interceptors.deadLettered(message, record.channel(), record.handler());
        } catch (Throwable first) {
            try {
                saveOnce(record);
                interceptors.deadLettered(message, record.channel(), record.handler());
            } catch (Throwable second) {
                second.addSuppressed(first);
                throw second instanceof RuntimeException r ? r
                        : new ReboundException(Diagnostics.deadLetterNotStored(record.id()), second);
            }
        }
    }

    private void saveOnce(DeadLetterRecord record) throws Throwable {
        transactions.inNewTransaction(() -> {
            store.get().save(record);
            return null;
        });
    }
}
