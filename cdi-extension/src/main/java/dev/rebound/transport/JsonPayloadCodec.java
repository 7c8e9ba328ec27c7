package dev.rebound.transport;

import dev.rebound.core.Diagnostics;
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
                Diagnostics.payloadTypeNotAccepted(typeName)));
        Object payload;
        try {
            payload = jsonb.get().fromJson(body, type);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(Diagnostics.notJson(typeName, e), e);
        }
        if (payload == null) {
            throw new IllegalArgumentException(Diagnostics.emptyBody(typeName));
        }
        return payload;
    }
}
