package dev.rebound.cdi;

import dev.rebound.Asynchronous;
import dev.rebound.Attempt;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import dev.rebound.ErrorChannel;
import dev.rebound.EventHandler;
import dev.rebound.Header;
import dev.rebound.InstantRetry;
import dev.rebound.InternalHandler;
import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import dev.rebound.QueryHandler;
import dev.rebound.core.ArgumentResolver;
import dev.rebound.core.Diagnostics;
import dev.rebound.core.HandlerKind;
import dev.rebound.core.HandlerMethod;
import dev.rebound.core.async.FailurePolicy;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedParameter;
import jakarta.enterprise.inject.spi.AnnotatedType;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Finds the handler methods of a bean class and checks them; each problem is reported as a deployment
 * message naming the class and method.
 */
final class HandlerScanner {

    /**
     * A handler found on a bean, not yet bound to the bean instance.
     *
     * @param failurePolicy its own error channel, or {@code null}
     * @param delayedRetry its {@code @DelayedRetry}, or {@code null}: made a policy with the configuration's
     *     overrides when bound ({@link DelayedRetries})
     */
    record Found(HandlerKind kind, String routingKey, String id, Method method, ArgumentResolver[] resolvers,
                 String asyncChannel, FailurePolicy failurePolicy, DelayedRetry delayedRetry) {

        /** @param policy the failure policy, with the configuration applied */
        HandlerMethod bind(Supplier<Object> target, FailurePolicy policy) {
            return new HandlerMethod(id, kind, routingKey, method, target, resolvers, asyncChannel, policy);
        }
    }

    /**
     * {@code @Asynchronous} annotations of other APIs, easily imported by mistake: with one, the container runs the
     * handler on its executor and the failure is lost. Known by name, since their APIs may not be on the class path.
     */
    static final Set<String> FOREIGN_ASYNCHRONOUS = Set.of("jakarta.enterprise.concurrent.Asynchronous",
            "jakarta.ejb.Asynchronous", "javax.ejb.Asynchronous");

    private HandlerScanner() {
    }

    /** The first annotation that is another API's {@code @Asynchronous}, or {@code null}. */
    private static Annotation foreignAsynchronous(Set<Annotation> annotations) {
        for (Annotation annotation : annotations) {
            if (FOREIGN_ASYNCHRONOUS.contains(annotation.annotationType().getName())) {
                return annotation;
            }
        }
        return null;
    }

    static void scan(AnnotatedType<?> type, Consumer<Found> found, Consumer<String> problems) {
        boolean anyHandler = false;
        for (AnnotatedMethod<?> method : type.getMethods()) {
            Found handler = inspect(method, problems);
            if (handler != null) {
                anyHandler = true;
                found.accept(handler);
            }
        }
        if (anyHandler) {
            String where = type.getJavaClass().getName() + " (class level)";
            Annotation foreign = foreignAsynchronous(type.getAnnotations());
            if (foreign != null) {
                problems.accept(Diagnostics.foreignAsynchronous(foreign.annotationType().getName(), where));
            }
            if (type.isAnnotationPresent(ErrorChannel.class)) {
                problems.accept(Diagnostics.errorChannelOnHandler("ErrorChannel", where));
            }
            if (type.isAnnotationPresent(InstantRetry.class)) {
                problems.accept(Diagnostics.errorChannelOnHandler("InstantRetry", where));
            }
            if (type.isAnnotationPresent(DelayedRetry.class)) {
                problems.accept(Diagnostics.errorChannelOnHandler("DelayedRetry", where));
            }
        }
    }

    private static Found inspect(AnnotatedMethod<?> annotated, Consumer<String> problems) {
        HandlerKind kind;
        String key;
        String endpointId = "";
        if (annotated.isAnnotationPresent(CommandHandler.class)) {
            CommandHandler a = annotated.getAnnotation(CommandHandler.class);
            kind = HandlerKind.COMMAND;
            key = a.value();
            endpointId = a.endpointId();
        } else if (annotated.isAnnotationPresent(EventHandler.class)) {
            EventHandler a = annotated.getAnnotation(EventHandler.class);
            kind = HandlerKind.EVENT;
            key = a.value();
            endpointId = a.endpointId();
        } else if (annotated.isAnnotationPresent(QueryHandler.class)) {
            QueryHandler a = annotated.getAnnotation(QueryHandler.class);
            kind = HandlerKind.QUERY;
            key = a.value();
            endpointId = a.endpointId();
        } else if (annotated.isAnnotationPresent(InternalHandler.class)) {
            kind = HandlerKind.INTERNAL;
            key = annotated.getAnnotation(InternalHandler.class).value();
        } else {
            return null;
        }
        Method method = annotated.getJavaMember();
        String name = method.getDeclaringClass().getName() + "#" + method.getName();
        Annotation foreign = foreignAsynchronous(annotated.getAnnotations());
        if (foreign != null) {
            // before the other checks: REBOUND-2001 would send the user to a gateway, the wrong way
            problems.accept(Diagnostics.foreignAsynchronous(foreign.annotationType().getName(), name));
            return null;
        }
        Asynchronous async = annotated.getAnnotation(Asynchronous.class);
        if (async != null && (kind == HandlerKind.QUERY || kind == HandlerKind.INTERNAL)) {
            problems.accept(Diagnostics.asynchronousNotAllowed(name, kind));
            return null;
        }
        FailurePolicy policy = null;
        ErrorChannel errorChannel = annotated.getAnnotation(ErrorChannel.class);
        DelayedRetry delayedRetry = annotated.getAnnotation(DelayedRetry.class);
        if (async == null && (errorChannel != null || delayedRetry != null)) {
            problems.accept(Diagnostics.errorChannelOnHandler(errorChannel != null ? "ErrorChannel" : "DelayedRetry",
                    name));
            return null;
        }
        if (errorChannel != null && delayedRetry != null) {
            problems.accept(Diagnostics.delayedRetryWithErrorChannel(name));
            return null;
        }
        if (errorChannel != null) {
            policy = FailurePolicy.channel(errorChannel.value());
        }
        if (annotated.isAnnotationPresent(InstantRetry.class)) {
            problems.accept(Diagnostics.errorChannelOnHandler("InstantRetry", name));
            return null;
        }
        if (Modifier.isPrivate(method.getModifiers())) {
            problems.accept(Diagnostics.privateHandler(name));
            return null;
        }
        ArgumentResolver[] resolvers = resolvers(annotated.getParameters(), name, problems);
        if (resolvers == null) {
            return null;
        }
        return new Found(kind, key.isEmpty() ? null : key, endpointId.isEmpty() ? name : endpointId, method,
                resolvers, async == null ? null : async.value(), policy, delayedRetry);
    }

    private static ArgumentResolver[] resolvers(List<? extends AnnotatedParameter<?>> parameters, String name,
                                                Consumer<String> problems) {
        if (parameters.isEmpty() || parameters.get(0).isAnnotationPresent(Header.class)) {
            problems.accept(Diagnostics.noPayloadParameter(name));
            return null;
        }
        ArgumentResolver[] resolvers = new ArgumentResolver[parameters.size()];
        resolvers[0] = ArgumentResolver.PAYLOAD;
        for (int i = 1; i < resolvers.length; i++) {
            AnnotatedParameter<?> parameter = parameters.get(i);
            Class<?> type = parameter.getJavaParameter().getType();
            if (parameter.isAnnotationPresent(Header.class) && type == String.class) {
                resolvers[i] = ArgumentResolver.header(parameter.getAnnotation(Header.class).value());
            } else if (type == Message.class) {
                resolvers[i] = ArgumentResolver.MESSAGE;
            } else if (type == MessageHeaders.class) {
                resolvers[i] = ArgumentResolver.HEADERS;
            } else if (type == Attempt.class) {
                resolvers[i] = ArgumentResolver.ATTEMPT;
            } else {
                problems.accept(Diagnostics.unsupportedParameter(name, i));
                return null;
            }
        }
        return resolvers;
    }
}
