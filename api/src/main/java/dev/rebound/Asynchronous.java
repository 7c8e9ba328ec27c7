package dev.rebound;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a command or event handler asynchronously: sending puts the message on the queue behind the named
 * channel and returns at once; a consumer of that channel takes it off and runs the handler. Each
 * asynchronous event handler gets its own copy of the event, so a failing handler is retried alone.
 *
 * <p>An asynchronous handler may carry its own {@link ErrorChannel} or {@link DelayedRetry}; they win over
 * the channel's and the global default.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Asynchronous {

    /** The channel (queue) the handler consumes from. */
    String value();
}
