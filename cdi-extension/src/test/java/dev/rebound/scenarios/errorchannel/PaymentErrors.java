package dev.rebound.scenarios.errorchannel;

import dev.rebound.ErrorMessage;
import dev.rebound.Header;
import dev.rebound.InternalHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Subscribes to the error channel; can be told to fail itself. */
@ApplicationScoped
public class PaymentErrors {

    private final List<ErrorMessage> received = new CopyOnWriteArrayList<>();
    private final List<String> tenants = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    @InternalHandler("paymentErrors")
    public void on(ErrorMessage error, @Header("tenant") String tenant) {
        if (failing) {
            throw new IllegalArgumentException("alerting is down");
        }
        received.add(error);
        tenants.add(String.valueOf(tenant));
    }

    public List<ErrorMessage> received() {
        return received;
    }

    public List<String> tenants() {
        return tenants;
    }

    public void fail() {
        failing = true;
    }
}
