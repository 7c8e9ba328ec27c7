package dev.rebound;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Subscribes a method of a CDI bean to a named channel, for example an error channel. It is not
 * reachable through the buses. On an error channel its payload parameter is an {@link ErrorMessage}.
 *
 * <pre>{@code
 * @InternalHandler("paymentErrors")
 * void onFailure(ErrorMessage error) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface InternalHandler {

    /** The channel name. */
    String value();
}
