package dev.rebound;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler parameter (after the payload) to a message header, or a gateway method parameter to
 * a header that is sent along. Standard names are in {@link MessageHeaders}; an absent header is
 * {@code null}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Header {

    /** The header name. */
    String value();
}
