package dev.rebound.it.instantretry;

import dev.rebound.CommandHandler;
import dev.rebound.it.support.Fault;
import dev.rebound.it.support.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

@ApplicationScoped
public class Stock {

    @Inject
    Rows rows;
    @Inject
    Fault fault;
    @Inject
    StockBus bus;

    /** Each attempt writes a row of its own, then may fail: only the attempt that succeeds may leave one. */
    @CommandHandler
    public String reserve(ReserveStock command) {
        rows.insert(UUID.randomUUID().toString(), command.reservationId());
        fault.call("warehouse busy");
        return command.reservationId();
    }

    /** The application side: what a REST resource would call. */
    public String reserveFor(String reservationId) {
        return bus.send(new ReserveStock(reservationId));
    }
}
