package dev.rebound.core.gateway;

import dev.rebound.Message;
import dev.rebound.core.Delivery;
import dev.rebound.core.Diagnostics;
import dev.rebound.core.HandlerKind;
import dev.rebound.core.MessageContext;
import dev.rebound.core.Pipeline;
import dev.rebound.core.Route;
import java.util.HashMap;
import java.util.Map;

/**
 * One method of a gateway, prepared at deployment: which argument is the payload, the routing key and
 * the metadata, and the pipeline the message goes through. A call only reads the arguments, makes the
 * message and runs the pipeline.
 */
public final class GatewayMethod {

    private final HandlerKind kind;
    private final String fixedKey;
    private final int payloadIndex;
    private final int keyIndex;
    private final int metadataIndex;
    private final String[] headerNames;
    private final Pipeline pipeline;
    private final MessageContext context;
    private final String origin;
    /** The route of every call when the key is not an argument (made once: a call allocates no route). */
    private final Route fixedRoute;

    GatewayMethod(ArgumentLayout layout, HandlerKind kind, Pipeline pipeline, MessageContext context,
                  String origin) {
        this.kind = kind;
        this.fixedKey = layout.fixedKey();
        this.payloadIndex = layout.payloadIndex();
        this.keyIndex = layout.keyIndex();
        this.metadataIndex = layout.metadataIndex();
        this.headerNames = layout.headerNames();
        this.pipeline = pipeline;
        this.context = context;
        this.origin = origin;
        this.fixedRoute = keyIndex >= 0 ? null : new Route(kind, fixedKey);
    }

    @SuppressWarnings("unchecked")
    public Object invoke(Object[] args) throws Throwable {
        Object payload = args[payloadIndex];
        if (payload == null) {
            throw new NullPointerException(Diagnostics.nullPayload(kind));
        }
        String key = keyIndex >= 0 ? (String) args[keyIndex] : fixedKey;
        Map<String, String> metadata = metadataIndex >= 0 ? (Map<String, String>) args[metadataIndex] : Map.of();
        if (headerNames != null) {
            metadata = new HashMap<>(metadata);
            for (int i = 0; i < headerNames.length; i++) {
                if (headerNames[i] != null && args[i] != null) {
                    metadata.put(headerNames[i], String.valueOf(args[i]));
                }
            }
        }
        Message message = new Message(payload, context.newHeaders(key, metadata));
        return pipeline.handle(new Delivery(message, keyIndex >= 0 ? new Route(kind, key) : fixedRoute, origin));
    }

    public String origin() {
        return origin;
    }
}
