package dev.rebound.scenarios.nodes;

import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.ErrorChannel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

public final class Shipments {
    private Shipments() {
    }

    public record Ship(String parcel) {
    }

    @ErrorChannel(Channels.DEAD_LETTER)
    public interface ShipmentBus extends CommandBus {
    }

    /**
     * Its business effect is a row of {@code replay_effect} written in the handler's transaction (a replay that
     * rolls back leaves none, a duplicate leaves two). Fails every parcel until healed, and afterwards the poisoned
     * ones; can hold a parcel's run until released.
     */
    @ApplicationScoped
    public static class Warehouse {
        private final AtomicInteger runs = new AtomicInteger();
        private final Set<String> poisoned = ConcurrentHashMap.newKeySet();
        private volatile boolean failing = true;
        private volatile String held;
        private volatile CountDownLatch entered = new CountDownLatch(1);
        private volatile CountDownLatch release = new CountDownLatch(0);

        @Inject
        DataSource dataSource;

        @CommandHandler
        public void ship(Ship command) throws SQLException, InterruptedException {
            runs.incrementAndGet();
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO replay_effect VALUES (?)")) {
                insert.setString(1, command.parcel());
                insert.executeUpdate();
            }
            if (failing) {
                throw new IllegalStateException("warehouse closed for " + command.parcel());
            }
            if (poisoned.contains(command.parcel())) {
                throw new IllegalArgumentException("parcel " + command.parcel() + " is still unshippable");
            }
            if (command.parcel().equals(held)) {
                entered.countDown();
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released " + command.parcel());
                }
            }
        }

        public void heal(Set<String> stillPoisoned) {
            poisoned.addAll(stillPoisoned);
            failing = false;
        }

        /** The run of {@code parcel} waits for {@link #release()}; {@link #awaitHeld} returns once it waits. */
        public void hold(String parcel) {
            entered = new CountDownLatch(1);
            release = new CountDownLatch(1);
            held = parcel;
        }

        public boolean awaitHeld(long seconds) throws InterruptedException {
            return entered.await(seconds, TimeUnit.SECONDS);
        }

        public void release() {
            release.countDown();
        }

        public int runs() {
            return runs.get();
        }
    }
}
