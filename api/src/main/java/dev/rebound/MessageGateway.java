package dev.rebound;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an application interface as a messaging entry point. Each of its methods must carry
 * {@link BusinessMethod}; Rebound provides an implementation that can be injected with {@code @Inject}.
 *
 * <pre>{@code
 * @MessageGateway
 * @ErrorChannel(Channels.DEAD_LETTER)
 * public interface OrderApi {
 *     @BusinessMethod("order.place")
 *     UUID placeOrder(PlaceOrder command);
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MessageGateway {
}
