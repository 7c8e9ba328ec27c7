package dev.rebound.core.gateway;

import dev.rebound.BusinessMethod;
import dev.rebound.Header;
import dev.rebound.core.Diagnostics;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Where a gateway method's arguments go: payload, routing key, metadata map, headers.
 *
 * @param fixedKey routing key from {@code @BusinessMethod}, or {@code null}
 * @param payloadIndex index of the payload argument
 * @param keyIndex index of the routing key argument, or -1
 * @param metadataIndex index of the metadata map argument, or -1
 * @param headerNames header name per argument index ({@code null} entries for other arguments), or
 *     {@code null} when no argument is a header
 */
record ArgumentLayout(String fixedKey, int payloadIndex, int keyIndex, int metadataIndex, String[] headerNames) {

    /** Layout of a method of {@code CommandBus}, {@code EventBus} or {@code QueryBus}. */
    static ArgumentLayout ofBusMethod(Method method) {
        boolean routed = method.getName().endsWith("WithRouting");
        int payload = routed ? 1 : 0;
        int metadata = method.getParameterCount() > payload + 1 ? payload + 1 : -1;
        return new ArgumentLayout(null, payload, routed ? 0 : -1, metadata, null);
    }

    /**
     * Layout of a {@code @BusinessMethod}: the first parameter without {@code @Header} that is not a
     * {@code Map} is the payload, a {@code Map} is metadata, {@code @Header} parameters are headers.
     *
     * @throws IllegalArgumentException with a deployment message when there is no payload parameter
     */
    static ArgumentLayout ofBusinessMethod(Method method) {
        String key = method.getAnnotation(BusinessMethod.class).value();
        Annotation[][] annotations = method.getParameterAnnotations();
        Class<?>[] types = method.getParameterTypes();
        String[] headers = new String[types.length];
        boolean anyHeader = false;
        int payload = -1;
        int metadata = -1;
        for (int i = 0; i < types.length; i++) {
            Header header = header(annotations[i]);
            if (header != null) {
                headers[i] = header.value();
                anyHeader = true;
            } else if (Map.class.isAssignableFrom(types[i]) && metadata < 0 && payload >= 0) {
                metadata = i;
            } else if (payload < 0) {
                payload = i;
            }
        }
        if (payload < 0) {
            throw new IllegalArgumentException(Diagnostics.businessMethodWithoutPayload(
                    method.getDeclaringClass().getName() + "#" + method.getName()));
        }
        return new ArgumentLayout(key, payload, -1, metadata, anyHeader ? headers : null);
    }

    private static Header header(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof Header header) {
                return header;
            }
        }
        return null;
    }
}
