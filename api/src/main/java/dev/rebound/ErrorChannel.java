package dev.rebound;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Sends messages whose handling failed to the named channel instead of throwing to the caller. Place it
 * on an entry point (a gateway interface or one of its methods), never on a synchronous handler:
 * deployment fails there, because the handler's transaction could not be rolled back before the
 * failure is captured.
 *
 * <p>The channel is {@link Channels#DEAD_LETTER}, {@link Channels#NULL_CHANNEL} or the name of an
 * {@link InternalHandler}. Overridable with MicroProfile Config:
 * {@code <interface>/ErrorChannel/value}, {@code <interface>/<method>/ErrorChannel/value}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ErrorChannel {

    /** The channel that receives the {@link ErrorMessage}. */
    String value();
}
