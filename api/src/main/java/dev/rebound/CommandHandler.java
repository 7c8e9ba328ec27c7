package dev.rebound;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a CDI bean as the handler of a command: exactly one handler per command type or routing key.
 *
 * <p>The first parameter is the payload; it decides the route unless {@link #value()} gives a routing
 * key. Further parameters may be {@link Header}-annotated {@code String}s, {@link Message} or
 * {@link MessageHeaders}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CommandHandler {

    /** Optional routing key; empty means "route by the payload's type". */
    String value() default "";

    /** Optional stable identifier of this handler, used in dead letters and logs; defaults to Class#method. */
    String endpointId() default "";
}
