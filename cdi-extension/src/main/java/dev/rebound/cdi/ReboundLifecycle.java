package dev.rebound.cdi;

import dev.rebound.core.Diagnostics;
import dev.rebound.core.tx.Transactions;
import dev.rebound.deadletter.DeadLetterService;
import dev.rebound.deadletter.JpaDeadLetterStore;
import dev.rebound.deadletter.SchemaSetting;
import dev.rebound.nodes.NodeRegistry;
import jakarta.persistence.EntityManager;
import dev.rebound.transport.ConsumerControl;

/**
 * What happens when the application starts and stops: the schema is prepared and the deduplication keys' cleanup
 * started before the consumers start; the consumers and the cleanup stop, and the bulk replays end, before the
 * application's beans go away. The node registry's heartbeat starts once the consumers run (its first heartbeat
 * has their state) and ends, marking the node stopped, after they stopped.
 */
final class ReboundLifecycle {

    private final SchemaSetting schema;
    private final BeanLookup lookup;
    private final Transactions transactions;
    private final ConsumerControl consumers;
    private final DeadLetterService deadLetters;
    private final Deduplications deduplications;
    private final NodeRegistry nodes;

    ReboundLifecycle(SchemaSetting schema, BeanLookup lookup, Transactions transactions, ConsumerControl consumers,
                     DeadLetterService deadLetters, Deduplications deduplications, NodeRegistry nodes) {
        this.nodes = nodes;
        this.deduplications = deduplications;
        this.schema = schema;
        this.lookup = lookup;
        this.transactions = transactions;
        this.consumers = consumers;
        this.deadLetters = deadLetters;
    }

    /** At application start: the schema first, so that a consumer's first dead letter finds its table. */
    void start() {
        prepareSchema();
        deduplications.start();
        consumers.resumeAll();
        nodes.start(lookup.threadFactory(), lookup.has(EntityManager.class) && transactions.available());
    }

    /** Applies {@code rebound.schema} to the JPA store, in a transaction of its own, before the consumers start. */
    private void prepareSchema() {
        if (schema == SchemaSetting.NONE || !lookup.canStoreDeadLetters()
                || !(lookup.deadLetterStore() instanceof JpaDeadLetterStore store)) {
            return;
        }
        try {
            transactions.inNewTransaction(() -> {
                store.prepareSchema(schema);
                return null;
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(Diagnostics.schemaUnreachable(schema.value(), "it failed: " + e), e);
        }
    }

    void stopConsumers() {
        consumers.pauseAll();
        deduplications.stop();
        nodes.stop();
    }

    /** Bulk replays belong to the application: they end with it (after the message in hand, 10 s at most). */
    void stopBulkReplays() {
        deadLetters.stop(10_000);
    }
}
