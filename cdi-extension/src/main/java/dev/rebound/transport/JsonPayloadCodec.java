package dev.rebound.transport;

import dev.rebound.deadletter.PayloadTypes;
import dev.rebound.spi.PayloadCodec;
import jakarta.json.bind.Jsonb;
import java.util.function.Supplier;

/**
 * Payloads as JSON (JSON-B), read back only into the types the handlers accept ({@link PayloadTypes}): a type
 * name that is none of them is refused before any class is loaded for it.
 */
public final class JsonPayloadCodec implements PayloadCodec {

    private final Supplier<Jsonb> jsonb;
    private final PayloadTypes types;

    public JsonPayloadCodec(Supplier<Jsonb> jsonb, PayloadTypes types) {
        this.jsonb = jsonb;
        this.types = types;
    }

    @Override
    public String typeName(Object payload) {
        return payload.getClass().getName();
    }

    @Override
    public String write(Object payload) {
        return jsonb.get().toJson(payload);
    }

    @Override
    public Object read(String body, String typeName) {
        Class<?> type = types.resolve(typeName).orElseThrow(() -> new IllegalArgumentException(
                "REBOUND-3002: Payload type " + typeName + " is not accepted by any handler."));
        Object payload;
        try {
            payload = jsonb.get().fromJson(body, type);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("REBOUND-3003: Body is not valid JSON for " + typeName + ": " + e, e);
        }
        if (payload == null) {
            throw new IllegalArgumentException("REBOUND-3003: Body is empty or null for " + typeName + ".");
        }
        return payload;
    }
}
