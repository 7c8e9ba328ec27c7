package dev.rebound.bench.gateway;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * What a MicroProfile Fault Tolerance {@code @Retry(maxRetries = 2)} + {@code @Fallback} does on the happy
 * path, written by hand so that the figure is the CDI interceptor's own cost and not one implementation's
 * bookkeeping: proceed, and on failure retry twice, then fall back to {@code null}.
 */
@Resilient
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class ResilientInterceptor {

    private static final int RETRIES = 2;

    @AroundInvoke
    Object retry(InvocationContext context) throws Exception {
        for (int retry = 0; ; retry++) {
            try {
                return context.proceed();
            } catch (RuntimeException failure) {
                if (retry >= RETRIES) {
                    return null;
                }
            }
        }
    }
}
