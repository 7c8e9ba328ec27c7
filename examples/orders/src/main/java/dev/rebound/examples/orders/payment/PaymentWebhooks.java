package dev.rebound.examples.orders.payment;

import dev.rebound.BusinessMethod;
import dev.rebound.Header;
import dev.rebound.MessageGateway;

/**
 * The application's own gateway for the payment provider's webhook: each call puts the notice on the
 * {@code settlements} queue with the provider's delivery id as the header {@code webhookId}.
 */
@MessageGateway
public interface PaymentWebhooks {

    @BusinessMethod("payment.settle")
    void settled(SettlementNotice notice, @Header("webhookId") String webhookId);
}
