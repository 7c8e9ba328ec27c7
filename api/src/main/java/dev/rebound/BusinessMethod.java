package dev.rebound;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A method of a {@link MessageGateway} interface: calling it sends its first parameter as the payload
 * to the handler registered for the routing key ({@code @CommandHandler("order.place")},
 * {@code @QueryHandler("…")}, {@code @EventHandler("…")}). Further parameters may carry
 * {@link Header} to become message headers.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BusinessMethod {

    /** The routing key. */
    String value();
}
