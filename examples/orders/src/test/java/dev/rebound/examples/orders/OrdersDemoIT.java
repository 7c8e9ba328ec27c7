package dev.rebound.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.examples.orders.DemoApi.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's curl session against the demo running on Open Liberty (started by the build): orders get paid
 * and shipped; with the payment fault on, a payment is retried with back-off and lands in the dead letter; once
 * the fault is off, its replay pays the order.
 */
class OrdersDemoIT {

    private static final List<String> STATUSES = List.of("PLACED", "PAID", "SHIPPED");
    private static final DemoApi api = new DemoApi(System.getProperty("orders.url",
            "http://localhost:9080/orders/api"));

    @BeforeAll
    static void serverIsUp() {
        await("the demo application").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> api.get("/payment-provider/fault").status() == 200);
    }

    @AfterEach
    void faultOff() {
        api.put("/payment-provider/fault", "{\"mode\":\"off\"}");
    }

    @Test
    void a_webhook_delivered_three_times_books_its_settlement_once() {
        String id = newId();
        String notice = "{\"orderId\":\"" + id + "\",\"amount\":39.90}";
        String delivery = "wh-" + UUID.randomUUID();

        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/payment-provider/webhook", notice, "Webhook-Id", delivery).status()).isEqualTo(202);
        }
        // a later, different delivery for the same order: once it is booked, the three copies before it are done
        assertThat(api.post("/payment-provider/webhook", notice, "Webhook-Id", delivery + "-2").status())
                .isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).until(() -> settlements(id) >= 2);
        assertThat(settlements(id)).as("one booking per delivery id, not per delivery").isEqualTo(2);
        assertThat(api.post("/payment-provider/webhook", notice).status()).as("no Webhook-Id").isEqualTo(400);
    }

    private static long settlements(String orderId) {
        return api.get("/payment-provider/webhook/" + orderId).object().getJsonNumber("settlements").longValue();
    }

    @Test
    void an_order_is_placed_paid_and_shipped() {
        String id = newId();

        Reply placed = place(id, "Kettle", "39.9");

        assertThat(placed.status()).isEqualTo(201);
        assertThat(placed.object().getString("status")).isEqualTo("PLACED");
        assertThat(placed.object().getJsonNumber("amount").bigDecimalValue()).isEqualByComparingTo("39.90");
        JsonObject shipped = awaitStatus(id, "SHIPPED");
        assertThat(shipped.getString("paymentReference")).startsWith("pay-");
        assertThat(Instant.parse(shipped.getString("shippedAt")))
                .isAfterOrEqualTo(Instant.parse(shipped.getString("paidAt")));
    }

    @Test
    void payments_failing_every_time_are_retried_with_back_off_then_dead_lettered_then_replayed_or_deleted() {
        assertThat(api.put("/payment-provider/fault", "{\"mode\":\"always\"}").object().getString("mode"))
                .isEqualTo("ALWAYS");
        String id = newId();
        String dropped = newId();
        Instant placedAt = Instant.parse(place(id, "Teapot", "25").object().getString("placedAt"));
        place(dropped, "Spoon", "2");

        JsonObject letter = awaitDeadLetterOf(id);
        String droppedLetter = awaitDeadLetterOf(dropped).getString("id");

        assertThat(letter.getInt("attempts")).isEqualTo(4);
        assertThat(letter.getString("handler")).isEqualTo("dev.rebound.examples.orders.payment.Payments#charge");
        assertThat(letter.getString("error")).contains("PaymentProviderUnavailableException")
                .contains("charging order " + id);
        // three retries after 1 s, 2 s and 4 s: the last attempt is at least 7 s after the order was placed
        assertThat(Duration.between(placedAt, Instant.parse(letter.getString("lastFailedAt"))))
                .isGreaterThanOrEqualTo(Duration.ofMillis(6900));
        assertThat(order(id).getString("status")).isEqualTo("PLACED");
        // the dead letter's id (one per failed handler), not the message's
        String messageId = letter.getString("id");
        assertThat(letter.getString("messageId")).isNotEqualTo(messageId);
        assertThat(api.get("/dead-letters/" + messageId).object().getJsonObject("failure").getString("stackTrace"))
                .contains("PaymentProvider.charge");

        Reply stillFailing = api.post("/dead-letters/" + messageId + "/replay", "");
        assertThat(stillFailing.object().getBoolean("replayed")).isFalse();
        assertThat(api.get("/dead-letters/" + messageId).object().getInt("attempts")).isEqualTo(5);

        api.put("/payment-provider/fault", "{\"mode\":\"off\"}");
        Reply replayed = api.post("/dead-letters/" + messageId + "/replay", "");

        assertThat(replayed.object().getBoolean("replayed")).isTrue();
        // paid by the replay itself; shipping follows from its queue
        assertThat(order(id).getString("status")).isIn("PAID", "SHIPPED");
        assertThat(order(id).getString("paymentReference")).startsWith("pay-");
        assertThat(api.get("/dead-letters/" + messageId).status()).isEqualTo(404);
        awaitStatus(id, "SHIPPED");

        assertThat(api.delete("/dead-letters/" + droppedLetter).status()).isEqualTo(204);
        assertThat(api.delete("/dead-letters/" + droppedLetter).status()).isEqualTo(404);
        assertThat(deadLetterOf(dropped)).isNull();
        assertThat(order(dropped).getString("status")).isEqualTo("PLACED");
    }

    @Test
    void a_payment_failing_twice_is_paid_by_its_second_retry_without_a_dead_letter() {
        api.put("/payment-provider/fault", "{\"mode\":\"times\",\"count\":2}");
        String id = newId();

        place(id, "Mug", "8.5");

        assertThat(awaitStatus(id, "PAID").getString("paymentReference")).startsWith("pay-");
        assertThat(api.get("/payment-provider/fault").object().getInt("count")).isZero();
        assertThat(deadLetterOf(id)).isNull();
    }

    @Test
    void with_a_zero_percent_fault_payments_go_through() {
        assertThat(api.put("/payment-provider/fault", "{\"mode\":\"percent\",\"percent\":0}").object()
                .getInt("percent")).isZero();
        String id = newId();

        place(id, "Fork", "3");

        assertThat(awaitStatus(id, "PAID").getString("paymentReference")).startsWith("pay-");
    }

    /**
     * The demo is traced (rebound-opentelemetry in the WAR, Liberty's mpTelemetry-2.0) and still works with the SDK
     * off, as it is by default: no collector is needed. The build starts the server without OTEL_SDK_DISABLED.
     */
    @Test
    void tracing_is_on_with_the_sdk_off_by_default() throws IOException {
        String id = newId();

        place(id, "Whisk", "4.5");

        awaitStatus(id, "PAID");
        String log = Files.readString(Path.of(System.getProperty("orders.log")));
        assertThat(log).as("features installed").containsPattern("CWWKF0012I: .*mpTelemetry-2\\.0");
        assertThat(log).as("Rebound's tracing made, with Liberty's OpenTelemetry and the demo's setting")
                .containsPattern("REBOUND-1060: Rebound traces its messages with .*continues the trace of the failed"
                        + " attempt");
        if (!"false".equalsIgnoreCase(System.getenv("OTEL_SDK_DISABLED"))) {
            assertThat(log).as("Liberty: the SDK is off, nothing is exported")
                    .contains("CWMOT5100I: The MicroProfile Telemetry Tracing feature is enabled but not configured"
                            + " to generate traces for the orders application");
        }
    }

    /**
     * Shipping goes through the outbox: the paid order's PaymentReceived is a row of the database channel
     * {@code shipping-outbox} (Derby, a lease), relayed to the engine's {@code shipping} queue after the payment's
     * commit, and shipped from there.
     */
    @Test
    void a_paid_order_ships_through_the_outbox_relay() throws IOException {
        String id = newId();

        place(id, "Ladle", "7");

        awaitStatus(id, "SHIPPED");
        String log = Files.readString(Path.of(System.getProperty("orders.log")));
        assertThat(log).as("the database transport relays the outbox to the JMS queue")
                .contains("REBOUND-3104: Database channels [shipping-outbox] relay their rows to channels [shipping]");
    }

    @Test
    void invalid_requests_are_refused_with_a_reason() {
        Reply noAmount = api.post("/orders", "{\"product\":\"Kettle\"}");
        Reply unknownMode = api.put("/payment-provider/fault", "{\"mode\":\"sometimes\"}");
        Reply noCount = api.put("/payment-provider/fault", "{\"mode\":\"times\"}");
        Reply tooMuch = api.put("/payment-provider/fault", "{\"mode\":\"percent\",\"percent\":101}");

        assertThat(noAmount.status()).isEqualTo(400);
        assertThat(unknownMode.status()).isEqualTo(400);
        assertThat(unknownMode.object().getString("error")).contains("off, always, times, percent");
        assertThat(noCount.status()).isEqualTo(400);
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(api.get("/payment-provider/fault").object().getString("mode")).isEqualTo("OFF");
        assertThat(api.get("/orders/" + newId()).status()).isEqualTo(404);
    }

    private static String newId() {
        return "it-" + UUID.randomUUID();
    }

    private static Reply place(String id, String product, String amount) {
        Reply reply = api.post("/orders", "{\"orderId\":\"" + id + "\",\"product\":\"" + product + "\",\"amount\":"
                + amount + "}");
        assertThat(reply.status()).as("POST /orders %s", reply.body()).isEqualTo(201);
        return reply;
    }

    private static JsonObject order(String id) {
        return api.get("/orders/" + id).object();
    }

    /** Waits until the order has reached the status (or a later one: shipping follows payment by itself). */
    private static JsonObject awaitStatus(String id, String status) {
        return await("order " + id + " " + status).atMost(Duration.ofSeconds(30))
                .until(() -> order(id),
                        order -> STATUSES.indexOf(order.getString("status")) >= STATUSES.indexOf(status));
    }

    private static JsonObject awaitDeadLetterOf(String id) {
        return await("dead letter of order " + id).atMost(Duration.ofSeconds(40)).until(() -> deadLetterOf(id),
                letter -> letter != null);
    }

    /** The dead letter whose payload is this order's event, or null. */
    private static JsonObject deadLetterOf(String id) {
        for (JsonValue value : api.get("/dead-letters?limit=500").object().getJsonArray("deadLetters")) {
            JsonObject letter = value.asJsonObject();
            JsonValue payload = letter.get("payload");
            if (payload instanceof JsonObject p && id.equals(p.getString("orderId", null))) {
                return letter;
            }
        }
        return null;
    }
}
