package dev.rebound.config;

import dev.rebound.ErrorChannel;
import dev.rebound.InstantRetry;
import dev.rebound.core.Diagnostics;
import dev.rebound.core.EntryPointPolicy;
import dev.rebound.core.Unrecoverable;
import jakarta.transaction.Transactional;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Works out an entry point method's {@link EntryPointPolicy} from its annotations (method first, then
 * the gateway interface and the interfaces it extends) and the configuration overrides. Deployment time
 * only.
 */
public final class PolicyResolver {

    private final ReboundConfig config;
    private final Unrecoverable unrecoverable;

    /** @param unrecoverable the exceptions no retry retries ({@code rebound.retry.abort-on}) */
    public PolicyResolver(ReboundConfig config, Unrecoverable unrecoverable) {
        this.config = config;
        this.unrecoverable = unrecoverable;
    }

    /**
     * @throws IllegalArgumentException with a deployment message for invalid values
     */
    public EntryPointPolicy resolve(Class<?> gateway, Method method) {
        String where = gateway.getName() + "#" + method.getName();
        ErrorChannel errorChannel = find(gateway, method, ErrorChannel.class);
        String channel = errorChannel == null ? null
                : config.override(gateway, method, "ErrorChannel", "value").orElse(errorChannel.value());

        InstantRetry retry = find(gateway, method, InstantRetry.class);
        int maxRetries = -1;
        List<Class<? extends Throwable>> retryOn = List.of();
        List<Class<? extends Throwable>> abortOn = List.of();
        if (retry != null) {
            config.rejectRenamed(gateway, method, "InstantRetry", "retryTimes", "maxRetries");
            config.rejectRenamed(gateway, method, "InstantRetry", "exceptions", "retryOn");
            maxRetries = config.intOverride(gateway, method, "InstantRetry", "maxRetries", retry.maxRetries());
            if (maxRetries < 0) {
                throw new IllegalArgumentException(Diagnostics.negativeMaxRetries(where, maxRetries));
            }
            retryOn = config.overrideEntry(gateway, method, "InstantRetry", "retryOn")
                    .map(found -> exceptionTypes(gateway, found))
                    .orElse(Arrays.asList(retry.retryOn()));
            abortOn = new ArrayList<>(unrecoverable.types());
            abortOn.addAll(config.overrideEntry(gateway, method, "InstantRetry", "abortOn")
                    .map(found -> exceptionTypes(gateway, found))
                    .orElse(Arrays.asList(retry.abortOn())));
        }

        Transactional tx = find(gateway, method, Transactional.class);
        int lockRetries = config.optimisticLockOverride(gateway, method, -1);
        return new EntryPointPolicy(channel, maxRetries, retryOn, abortOn, tx == null ? null : tx.value(),
                tx == null ? List.of() : Arrays.asList(tx.dontRollbackOn()), lockRetries);
    }

    /** The annotation on the method, else on the gateway, else on an interface it extends. */
    public static <A extends Annotation> A find(Class<?> gateway, Method method, Class<A> type) {
        A onMethod = method.getAnnotation(type);
        return onMethod != null ? onMethod : onType(gateway, type);
    }

    private static <A extends Annotation> A onType(Class<?> type, Class<A> annotation) {
        A found = type.getAnnotation(annotation);
        if (found != null) {
            return found;
        }
        for (Class<?> parent : type.getInterfaces()) {
            found = onType(parent, annotation);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The exception classes a configured list names, loaded as the gateway's; a deployment message otherwise. */
    public static List<Class<? extends Throwable>> exceptionTypes(Class<?> type, ReboundConfig.Entry found) {
        try {
            return Unrecoverable.types(found.value(), type.getClassLoader());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Diagnostics.badConfigValue(found.key(), found.value(),
                    "exception class names"));
        }
    }
}
